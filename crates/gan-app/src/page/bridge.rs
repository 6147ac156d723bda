//! The page's end of the worker link: spawns the trainer worker, sends [`ToWorker`] messages
//! and turns what comes back (and worker crashes) into [`FromWorker`] messages.

use gan_protocol::{FromWorker, ToWorker};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

/// Which trainer binary to start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trainer {
    /// `gan-worker`: WebGPU and the CPU.
    WithWebGpu,
    /// `gan-worker-cpu`: the CPU only, without wgpu and cubecl, a fraction of the download.
    CpuOnly,
    /// `gan-worker-mt`: the CPU on several threads, for a cross-origin-isolated page.
    CpuThreads,
}

impl Trainer {
    /// The loader Trunk writes for the binary (`data-loader-shim`), relative to the page so
    /// that the site works under a sub-path.
    fn script(self) -> &'static str {
        match self {
            Trainer::WithWebGpu => "./gan-worker_loader.js",
            Trainer::CpuOnly => "./gan-worker-cpu_loader.js",
            // Written by crates/gan-app/threads/build.sh, a hook in Trunk.toml.
            Trainer::CpuThreads => "./gan-worker-mt_loader.js",
        }
    }
}

/// A running trainer worker. Dropping it terminates the worker.
pub struct WorkerHandle {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl WorkerHandle {
    /// Starts a worker; every message it sends, and a crash as [`FromWorker::Fatal`], goes to
    /// `receive`.
    pub fn spawn(
        trainer: Trainer,
        receive: impl Fn(FromWorker) + Clone + 'static,
    ) -> Result<Self, String> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(trainer.script(), &options).map_err(|e| {
            web_sys::console::error_1(&e);
            "the browser refused to start the trainer worker".to_string()
        })?;
        let on_message_receive = receive.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            match serde_wasm_bindgen::from_value::<FromWorker>(event.data()) {
                Ok(message) => on_message_receive(message),
                Err(e) => web_sys::console::error_1(
                    &format!("gan-app: a message from the trainer could not be read: {e}").into(),
                ),
            }
        });
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            let message = event.message();
            receive(FromWorker::Fatal {
                message: if message.is_empty() {
                    "the trainer worker failed to load".into()
                } else {
                    message
                },
            });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Self {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends a message to the worker.
    pub fn send(&self, message: &ToWorker) {
        match serde_wasm_bindgen::to_value(message) {
            Ok(value) => {
                if let Err(e) = self.worker.post_message(&value) {
                    web_sys::console::error_2(&"gan-app: post to the trainer failed".into(), &e);
                }
            }
            Err(e) => web_sys::console::error_1(&format!("gan-app: cannot encode: {e}").into()),
        }
    }
}

impl Drop for WorkerHandle {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
