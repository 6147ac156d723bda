//! Cross-origin isolation, which the threaded CPU trainer needs (shared memory), on hosts that
//! cannot send its headers: GitHub Pages. The site's service worker (`www/isolate-sw.js`) adds
//! them to every response; the first visit installs it and reloads once, and every visit after
//! that starts isolated. Where the browser has no service workers, or isolation still fails,
//! the page runs as it is, with the single-threaded trainer.

use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::probe::{self, get};

/// The service worker, relative to the page: its folder is its scope, the whole site.
const SERVICE_WORKER: &str = "./isolate-sw.js";

/// How long the page waits for the service worker before it starts unisolated: an install that
/// fails after registering would otherwise leave the page blank.
const READY_TIMEOUT_MS: i32 = 3000;

/// Set for this tab before the one reload, so that a browser that stays unisolated after it
/// does not reload forever.
const RELOADED_KEY: &str = "gan-werkstatt-isolation-reload";

fn call(object: &JsValue, method: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let function: Function = get(object, method)
        .ok_or_else(|| JsValue::from_str(&format!("no {method}")))?
        .dyn_into()?;
    let args: js_sys::Array = args.iter().copied().collect();
    function.apply(object, &args)
}

async fn wait(value: JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(value.dyn_into::<Promise>()?).await
}

/// Set when the browser refused the service worker or it did not start in time: the page then
/// says why its CPU trainer runs on one thread ([`refused`]).
static REFUSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether the site's service worker failed to start on this load (the page runs without
/// isolation, so its CPU trainer on one thread).
pub fn refused() -> bool {
    REFUSED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Makes sure the page is isolated where it can be. Returns `true` when the page reloads to
/// get isolated (start nothing then), `false` when it runs as it is.
pub async fn isolate_or_reload() -> bool {
    if probe::cross_origin_isolated() {
        return false;
    }
    let window = web_sys::window().expect("the page runs in a window");
    // Service workers exist only in secure contexts (https, or 127.0.0.1 while testing).
    if !window.is_secure_context() {
        return false;
    }
    let Some(container) = get(&window.navigator().into(), "serviceWorker") else {
        return false;
    };
    let storage = window.session_storage().ok().flatten();
    let reloaded = storage
        .as_ref()
        .and_then(|s| s.get_item(RELOADED_KEY).ok().flatten())
        .is_some();
    // Registered and active, or an error; the whole of it within the timeout.
    let registered = {
        let container = container.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let registration =
                wait(call(&container, "register", &[&SERVICE_WORKER.into()])?).await?;
            // A browser (or a test harness) that refuses service workers may resolve without
            // a registration; `ready` would then never settle.
            if registration.is_undefined() || registration.is_null() {
                return Err(JsValue::from_str("the browser refused the service worker"));
            }
            wait(get(&container, "ready").ok_or("no ready")?).await
        })
    };
    let timeout = Promise::new(&mut |resolve, _| {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, READY_TIMEOUT_MS);
    });
    // The first to settle: the active registration, or `undefined` after the timeout.
    let installed = match wait(
        Promise::race(&[registered, timeout].into_iter().collect::<js_sys::Array>()).into(),
    )
    .await
    {
        Ok(first) if first.is_undefined() => Err(JsValue::from_str(
            "the service worker did not become ready in time",
        )),
        other => other,
    };
    match installed {
        Err(e) => {
            web_sys::console::warn_2(
                &"gan-app: no service worker for cross-origin isolation; the CPU trainer runs \
                  on one thread:"
                    .into(),
                &e,
            );
            REFUSED.store(true, std::sync::atomic::Ordering::Relaxed);
            false
        }
        // Installed, but this page was loaded without it: once per tab, load it again.
        Ok(_) if !reloaded => {
            if let Some(storage) = &storage {
                let _ = storage.set_item(RELOADED_KEY, "1");
            }
            window.location().reload().is_ok()
        }
        Ok(_) => false,
    }
}
