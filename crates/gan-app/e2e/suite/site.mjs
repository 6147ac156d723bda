// The site area: what the whole run fetched, checked once every other area has run. Each mode
// downloaded only the trainers it needs (the large WebGPU one only where WebGPU was forced, the
// threaded one only on an isolated page), no response was an error, no request left the site
// and none failed; then the screenshot of the page as the run left it (<out>/<mode>.png).

import path from 'node:path';
import {
  badResponses, check, checkPageErrors, failedRequests, foreignRequests, GPU, MODE, ok, OUT, page,
  results, THREADS,
} from './context.mjs';

export async function requests(url, { served, port }) {
  // Only a forced (or hardware) WebGPU downloads the large WebGPU trainer.
  const fetched = (file) => served.some((p) => p.endsWith(`/${file}`));
  results.trainersFetched = ['gan-worker-cpu_bg.wasm', 'gan-worker-mt_bg.wasm', 'gan-worker_bg.wasm'].filter(fetched);
  check(fetched('gan-worker-cpu_bg.wasm'), 'the CPU trainer (gan-worker-cpu) was loaded', served.join(', '));
  if (!THREADS) check(!fetched('gan-worker-mt_bg.wasm'), 'without cross-origin isolation the threaded trainer was never downloaded', served.join(', '));
  if (GPU) check(fetched('gan-worker_bg.wasm'), 'the WebGPU trainer (gan-worker) was loaded for ?backend=webgpu', served.join(', '));
  else check(!fetched('gan-worker_bg.wasm'), 'without WebGPU the WebGPU trainer was never downloaded', served.join(', '));
  check(badResponses.length === 0, 'no HTTP responses >= 400', badResponses.join(', '));
  check(foreignRequests.length === 0, `no request left the site (${served.length} requests, all to 127.0.0.1:${port})`, foreignRequests.join(', '));
  check(failedRequests.length === 0, 'no failed requests', `${failedRequests.join(', ')}; served: ${served.join(', ')}`);
  checkPageErrors();
  await page.screenshot({ path: path.join(OUT, `${MODE}.png`), fullPage: true, timeout: 60_000 });
  ok(`screenshot ${path.join(OUT, `${MODE}.png`)}`);
}
