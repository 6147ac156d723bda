#!/usr/bin/env python3
"""The native speed peer: the same MLP GAN step as `gan-werkstatt bench`, in JAX on the CPU.

    pip install jax            # the CPU wheel; no GPU libraries
    taskset -c 0 python3 crates/gan-cli/bench/jax_mlp_gan.py --threads 1 --steps 200 --runs 3

Model, batch and step match GAN Werkstatt's default MLP and the TF.js peer: G 100→256→512→
1024→784 (LeakyReLU 0.2, tanh), D 784→512→256→1 (LeakyReLU 0.2, a logit), 2,019,857
parameters; Adam (β1 0.5, β2 0.999); one step = D on 64 real + 64 fake (real target 0.9, as
our default label smoothing), then G through D with D frozen (no gradient for D's weights).
The whole step is one `jax.jit` function, as a JAX user writes it; statistics are read
(block_until_ready) every 10 steps, as the CLI's benchmark does. "Real" images are uniform
noise: data does not change the speed. Threads: pin both sides to the same cores with
`taskset` (`taskset -c 0` for one thread); `--threads 1` also turns off XLA's Eigen pool.
"""

import argparse
import os
import sys
import time


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=64)
    a = ap.parse_args()

    if a.threads == 1:
        # Eigen's pool off; run under `taskset -c 0` as well, since XLA has other pools.
        os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + " --xla_cpu_multi_thread_eigen=false").strip()
    os.environ.setdefault("JAX_PLATFORMS", "cpu")

    import jax
    import jax.numpy as jnp

    latent, batch = 100, a.batch
    g_sizes = [latent, 256, 512, 1024, 784]
    d_sizes = [784, 512, 256, 1]

    def init(key, sizes):
        params = []
        for i, o in zip(sizes[:-1], sizes[1:]):
            key, k = jax.random.split(key)
            bound = (6.0 / (i + o)) ** 0.5
            params.append((jax.random.uniform(k, (i, o), jnp.float32, -bound, bound), jnp.zeros((o,), jnp.float32)))
        return params

    def mlp(params, x, last):
        for w, b in params[:-1]:
            x = jax.nn.leaky_relu(x @ w + b, 0.2)
        w, b = params[-1]
        return last(x @ w + b)

    gen = lambda p, z: mlp(p, z, jnp.tanh)
    disc = lambda p, x: mlp(p, x, lambda y: y)

    def bce(logits, target):
        return jnp.mean(jnp.maximum(logits, 0) - logits * target + jnp.log1p(jnp.exp(-jnp.abs(logits))))

    def adam_init(p):
        z = jax.tree_util.tree_map(jnp.zeros_like, p)
        return (z, z, 0)

    def adam(p, g, state, lr=5e-4, b1=0.5, b2=0.999, eps=1e-8):
        m, v, t = state
        t = t + 1
        m = jax.tree_util.tree_map(lambda m, g: b1 * m + (1 - b1) * g, m, g)
        v = jax.tree_util.tree_map(lambda v, g: b2 * v + (1 - b2) * g * g, v, g)
        c1, c2 = 1 - b1**t, 1 - b2**t
        p = jax.tree_util.tree_map(lambda p, m, v: p - lr * (m / c1) / (jnp.sqrt(v / c2) + eps), p, m, v)
        return p, (m, v, t)

    @jax.jit
    def step(gp, dp, gs, ds, real, key):
        k1, k2 = jax.random.split(key)
        fakes = jax.lax.stop_gradient(gen(gp, jax.random.normal(k1, (batch, latent))))

        def d_loss(dp):
            logits = disc(dp, jnp.concatenate([real, fakes]))
            return 0.5 * (bce(logits[:batch], 0.9) + bce(logits[batch:], 0.0))

        dl, dg = jax.value_and_grad(d_loss)(dp)
        dp, ds = adam(dp, dg, ds)
        frozen = jax.lax.stop_gradient(dp)  # D frozen: no gradient for its weights

        def g_loss(gp):
            return bce(disc(frozen, gen(gp, jax.random.normal(k2, (batch, latent)))), 1.0)

        gl, gg = jax.value_and_grad(g_loss)(gp)
        gp, gs = adam(gp, gg, gs)
        return gp, dp, gs, ds, jnp.stack([dl, gl])

    key = jax.random.PRNGKey(1)
    n_params = sum(w.size + b.size for w, b in init(key, g_sizes) + init(key, d_sizes))
    print(f"jax {jax.__version__} · {jax.devices()[0].platform} · threads {a.threads} · params {n_params} · batch {batch}")
    rates = []
    for run in range(1, a.runs + 1):
        gp, dp = init(jax.random.PRNGKey(run), g_sizes), init(jax.random.PRNGKey(100 + run), d_sizes)
        gs, ds = adam_init(gp), adam_init(dp)
        reals = [jax.random.uniform(jax.random.PRNGKey(1000 + i), (batch, 784), jnp.float32, -1, 1) for i in range(8)]
        key = jax.random.PRNGKey(run)
        for i in range(a.warmup):
            key, k = jax.random.split(key)
            gp, dp, gs, ds, losses = step(gp, dp, gs, ds, reals[i % 8], k)
        losses.block_until_ready()
        t0 = time.perf_counter()
        for i in range(1, a.steps + 1):
            key, k = jax.random.split(key)
            gp, dp, gs, ds, losses = step(gp, dp, gs, ds, reals[i % 8], k)
            if i % 10 == 0 or i == a.steps:
                losses.block_until_ready()
        rate = a.steps / (time.perf_counter() - t0)
        print(f"run {run}: {rate:.2f} steps/s (losses {[round(float(x), 3) for x in losses]})")
        rates.append(rate)
    rates.sort()
    print(f"median {rates[len(rates) // 2]:.2f} steps/s (min {rates[0]:.2f}, max {rates[-1]:.2f}) over {len(rates)} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
