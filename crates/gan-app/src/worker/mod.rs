//! The trainer worker: receives [`ToWorker`] messages, trains with a [`TrainingSession`] and
//! posts [`FromWorker`] messages back. Only glue lives here; the session decides.

pub mod backend;
pub mod clock;
pub mod data;
#[cfg(feature = "threads")]
pub mod pool;

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use gan_protocol::{BackendKind, FromWorker, ToWorker};
use gan_session::{Next, TrainingSession};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use clock::PerformanceClock;

/// How long the loop sleeps while it waits for a message, in milliseconds.
const IDLE_POLL_MS: u32 = 16;

/// On WebGPU the grid is redrawn after at least this many steps (and the usual interval).
const GPU_GRID_MIN_STEPS: u64 = 3;

type Inbox = Rc<RefCell<VecDeque<ToWorker>>>;

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts a message to the page. A message that cannot be encoded is a bug; it is logged.
fn post(message: &FromWorker) {
    match serde_wasm_bindgen::to_value(message) {
        Ok(value) => {
            if let Err(e) = scope().post_message(&value) {
                web_sys::console::error_2(&"gan-worker: post failed".into(), &e);
            }
        }
        Err(e) => web_sys::console::error_1(&format!("gan-worker: cannot encode: {e}").into()),
    }
}

/// Entry point of the `gan-worker` binary.
pub fn start() {
    // A panic (a lost GPU device, a bug) ends this worker: tell the page, which restarts it.
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("gan-worker panicked: {message}").into());
        post(&FromWorker::Fatal { message });
    }));
    let inbox: Inbox = Rc::default();
    let sink = inbox.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        match serde_wasm_bindgen::from_value::<ToWorker>(event.data()) {
            Ok(message) => sink.borrow_mut().push_back(message),
            Err(e) => post(&FromWorker::Rejected {
                message: format!("the trainer did not understand a message: {e}"),
            }),
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page keeps it; so does its message handler.
    on_message.forget();
    post(&FromWorker::Listening);
    wasm_bindgen_futures::spawn_local(run(inbox));
}

async fn run(inbox: Inbox) {
    // Wait for the page's Start; anything before it has nothing to act on, except a kernel
    // check, which a worker runs instead of training (the end-to-end test asks for it).
    let (choice, config, speed, lang, collection, threads, fail) = loop {
        let first = inbox.borrow_mut().pop_front();
        match first {
            Some(ToWorker::Start {
                backend,
                config,
                speed,
                lang,
                data,
                threads,
                fail,
            }) => break (backend, config, speed, lang, data, threads, fail),
            Some(ToWorker::CheckKernels) => {
                post(&backend::check_kernels().await);
                return;
            }
            Some(_) => {}
            None => TimeoutFuture::new(IDLE_POLL_MS).await,
        }
    };

    let worker_scope = scope().unchecked_into::<web_sys::WorkerGlobalScope>();
    // Only the threaded trainer has a pool; the others run on their one thread.
    #[cfg(feature = "threads")]
    let threads = match pool::start(threads, fail).await {
        Ok(()) => threads,
        // The page restarts the single-threaded trainer and says why; the browser's own words
        // are for the console.
        Err(why) => {
            web_sys::console::error_1(&format!("gan-worker-mt: {why}").into());
            post(&FromWorker::ThreadsRefused { threads });
            return;
        }
    };
    #[cfg(not(feature = "threads"))]
    let threads = {
        let _ = threads;
        1
    };
    let data = match data::load_training_digits(
        &worker_scope,
        collection,
        lang.texts(),
        |loaded, total, what| {
            post(&FromWorker::LoadProgress {
                loaded,
                total,
                what: what.into(),
            });
        },
    )
    .await
    {
        Ok(data) => data,
        Err(message) => {
            post(&FromWorker::LoadFailed { message });
            return;
        }
    };

    let (device, mut info) = backend::choose(choice, fail).await;
    if info.kind == BackendKind::Cpu {
        info.threads = threads;
    }
    let on_gpu = info.kind == BackendKind::WebGpu;
    post(&FromWorker::Backend(info));
    let mut session = match TrainingSession::new(config, &device, data, speed, PerformanceClock) {
        Ok(session) => session,
        Err(e) => {
            post(&FromWorker::Fatal {
                message: format!("the trainer could not start: {e}"),
            });
            return;
        }
    };
    session.set_lang(lang);
    if on_gpu {
        // WebGPU queues work until it is read: one step per tick keeps the page informed.
        session.set_max_steps_per_tick(1);
        session.set_blocking_reads(false);
        // Queue the next step before waiting for the last one's figures, so the device has
        // work while the worker waits (measured in the browser: within the run-to-run spread).
        session.set_read_behind(true);
        // A grid waits for the device; where a step outlasts the grid interval (a software
        // adapter), one every tick would cost about a tenth of the training time.
        session.set_grid_min_steps(GPU_GRID_MIN_STEPS);
    }
    post(&session.ready_message());
    // The judge comes after the digits: training can start without it, and a missing or
    // broken judge only switches the quality panel off.
    let judge = if collection == gan_data::Collection::Mnist {
        match data::load_judge(&worker_scope).await {
            Ok(bytes) => session.install_judge(&bytes),
            Err(message) => FromWorker::JudgeUnavailable { message },
        }
    } else {
        // The judge reads digits: on clothes its figures would mean nothing.
        FromWorker::JudgeUnavailable {
            message: lang.texts().judge_digits_only.into(),
        }
    };
    post(&judge);
    train_loop(&mut session, &inbox).await;
}

async fn train_loop(session: &mut TrainingSession, inbox: &Inbox) {
    let clock = PerformanceClock;
    let mut slow_motion_due: Option<f64> = None;
    loop {
        loop {
            let message = inbox.borrow_mut().pop_front();
            let Some(message) = message else { break };
            for out in session.receive(message).await {
                post(&out);
            }
        }
        let tick = match session.next() {
            Next::TickNow => true,
            Next::TickAfterMs(ms) => {
                let now = gan_core::Clock::now_ms(&clock);
                let due = *slow_motion_due.get_or_insert(now + f64::from(ms));
                now >= due
            }
            Next::WaitForMessage => false,
        };
        if tick {
            slow_motion_due = None;
            for out in session.tick().await {
                post(&out);
            }
            // Let the message handler run between ticks.
            TimeoutFuture::new(0).await;
        } else {
            if session.next() == Next::WaitForMessage {
                slow_motion_due = None;
            }
            TimeoutFuture::new(IDLE_POLL_MS).await;
        }
    }
}
