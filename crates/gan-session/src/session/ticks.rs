//! The training loop in the worker: a tick runs steps (or one phase) within its time budget,
//! reads their figures (on WebGPU one step late), checks them for NaN, redraws the grid when it
//! is due and reports to the page.

use super::*;

impl TrainingSession {
    /// Runs the work that is due (a phase, a step, or a tick of continuous training) and
    /// returns the messages for the page. Errors stop training with a message; they never
    /// leave the session unusable.
    pub async fn tick(&mut self) -> Vec<FromWorker> {
        let mut out = Vec::new();
        if let Err(e) = self.run_due_work(&mut out).await {
            self.stop_on(&e, &mut out);
        }
        let now = self.clock.now_ms();
        let steps_since_grid = self.trainer.steps().abs_diff(self.last_grid_step);
        if self.grid_due
            || (self.running
                && now - self.last_grid_ms >= GRID_INTERVAL_MS
                && steps_since_grid >= self.grid_min_steps)
        {
            match self.draw_grid().await {
                Ok(grid) => out.push(grid),
                Err(e) => out.push(FromWorker::Stopped {
                    message: fill(self.lang.texts().grid_failed, &[("why", &e)]),
                }),
            }
            if let Some(ends) = self.walk
                && usize::from(ends.from.max(ends.to))
                    >= GridShape::of(self.trainer.config()).digits()
            {
                // A walk picked on a larger grid (before the model changed) ends here.
                self.walk = None;
            }
            if let Some(ends) = self.walk {
                match self.draw_walk(ends).await {
                    Ok(walk) => out.push(walk),
                    Err(e) => out.push(FromWorker::Stopped {
                        message: fill(self.lang.texts().grid_failed, &[("why", &e)]),
                    }),
                }
            }
            self.grid_due = false;
            self.last_grid_ms = now;
            self.last_grid_step = self.trainer.steps();
        }
        if std::mem::take(&mut self.quiz_due) {
            match self.draw_quiz().await {
                Ok(quiz) => out.push(quiz),
                Err(e) => out.push(FromWorker::Stopped {
                    message: fill(self.lang.texts().grid_failed, &[("why", &e)]),
                }),
            }
        }
        if let Some(digit) = self.ask_due.take() {
            match self.answer(digit).await {
                Ok(answer) => out.push(answer),
                Err(e) => out.push(FromWorker::Stopped {
                    message: fill(self.lang.texts().grid_failed, &[("why", &e)]),
                }),
            }
        }
        // One chunk of the judge's digits per tick, so a report never holds training up long.
        if self.judge_due()
            && let Some(judge) = &mut self.judge
        {
            match judge.advance(&self.trainer, self.clock.as_ref()).await {
                Ok(Some(report)) => out.push(FromWorker::Quality(report)),
                Ok(None) => {}
                Err(message) => {
                    self.judge = None;
                    out.push(FromWorker::JudgeUnavailable {
                        message: fill(self.lang.texts().judge_failed, &[("why", &message)]),
                    });
                }
            }
        }
        out
    }

    /// Stops training after an error, with a message that says why.
    pub(super) fn stop_on(&mut self, e: &TrainError, out: &mut Vec<FromWorker>) {
        self.pending = Pending::None;
        self.in_flight = None;
        self.set_running(false, out);
        out.push(FromWorker::Stopped {
            message: fill(self.lang.texts().training_failed, &[("why", e)]),
        });
    }

    /// Reads and reports the step still in flight, if there is one.
    pub(super) async fn settle(&mut self, out: &mut Vec<FromWorker>) -> Result<(), TrainError> {
        if let Some(read) = self.in_flight.take() {
            let stats = self.finish_checked(read).await?;
            self.report_step(stats, false, out);
        }
        Ok(())
    }

    pub(super) async fn run_due_work(
        &mut self,
        out: &mut Vec<FromWorker>,
    ) -> Result<(), TrainError> {
        let pending = std::mem::replace(&mut self.pending, Pending::None);
        let continuous =
            pending == Pending::None && self.running && matches!(self.speed, Speed::Steps(_));
        if !continuous {
            self.settle(out).await?;
        }
        if let Pending::Benchmark { min_ms } = pending {
            let figures = self.benchmark(f64::from(min_ms)).await?;
            out.push(FromWorker::Benchmarked(figures));
            self.trainer.reset();
            self.restart_data_and_grid();
            out.push(FromWorker::WasReset);
            return Ok(());
        }
        let stats = match (pending, self.running, self.speed) {
            // Slow motion runs its next phase only once the pace since the last one has passed.
            (Pending::None, true, Speed::SlowMotion)
                if self.clock.now_ms() < self.next_phase_at_ms =>
            {
                None
            }
            (Pending::Phase, _, _) | (Pending::None, true, Speed::SlowMotion) => {
                self.next_phase_at_ms = self.clock.now_ms() + f64::from(self.phase_pause_ms);
                let phase = self.trainer.next_phase();
                // Phase 1 draws the real batch that phase 2's view shows, so look after it.
                let before = self.look_before(phase)?;
                let readout = self.run_phase()?;
                let view = self.look_after(phase, before).await?;
                out.push(FromWorker::PhaseDone {
                    phase,
                    step: self.trainer.steps(),
                });
                out.extend(view.map(FromWorker::Phase));
                match readout {
                    Some(readout) => Some(self.read_checked(readout).await?),
                    None => None,
                }
            }
            (Pending::Step, _, _) => {
                let stats = self.checked_step().await?;
                out.push(FromWorker::PhaseDone {
                    phase: Phase::UnfreezeDiscriminator,
                    step: self.trainer.steps(),
                });
                Some(stats)
            }
            (Pending::None, true, Speed::Steps(n)) => {
                let start = self.clock.now_ms();
                let mut last = None;
                for _ in 0..n.min(self.max_steps_per_tick) {
                    // Every step's losses are read (a few numbers), so a NaN stops training
                    // within the step it appears in (or the next, reading behind), before it
                    // spreads further.
                    if let Some(stats) = self.advance().await? {
                        let finite = stats.is_finite();
                        last = Some(stats);
                        if !finite {
                            break;
                        }
                    }
                    if self.clock.now_ms() - start >= TICK_BUDGET_MS {
                        break;
                    }
                }
                out.push(FromWorker::PhaseDone {
                    phase: Phase::UnfreezeDiscriminator,
                    step: self.trainer.steps(),
                });
                last
            }
            (Pending::None, false, _) | (Pending::Benchmark { .. }, _, _) => None,
        };
        if let Some(stats) = stats {
            self.report_step(stats, pending != Pending::None, out);
        }
        Ok(())
    }

    /// Runs one more step of continuous training and returns the statistics that are ready:
    /// this step's, or reading behind, the previous step's (none on a run's first step).
    pub(super) async fn advance(&mut self) -> Result<Option<StepStats>, TrainError> {
        let readout = self.finish_step()?;
        if !self.read_behind {
            return self.read_checked(readout).await.map(Some);
        }
        // Start this step's read before awaiting the last one, so that its copy is queued
        // right behind this step (and not behind the next).
        match self.in_flight.replace(readout.start_read()) {
            Some(previous) => self.finish_checked(previous).await.map(Some),
            None => Ok(None),
        }
    }

    /// Runs the rest of a step and reads its statistics.
    pub(super) async fn checked_step(&mut self) -> Result<StepStats, TrainError> {
        let readout = self.finish_step()?;
        self.read_checked(readout).await
    }

    /// Reads a finished step's statistics and, when they are finite, keeps a snapshot if one
    /// is due.
    pub(super) async fn read_checked(
        &mut self,
        readout: StepReadout,
    ) -> Result<StepStats, TrainError> {
        self.finish_checked(readout.start_read()).await
    }

    /// Waits for a started read of a step's statistics and, when they are finite, keeps a
    /// snapshot if one is due.
    pub(super) async fn finish_checked(
        &mut self,
        read: StartedRead,
    ) -> Result<StepStats, TrainError> {
        let stats = read.finish().await.map_err(|e| TrainError::Read(e.0))?;
        if stats.is_finite() {
            self.maybe_snapshot().await?;
        }
        Ok(stats)
    }

    /// Runs the next phase, drawing a fresh real batch when a step begins.
    pub(super) fn run_phase(&mut self) -> Result<Option<StepReadout>, TrainError> {
        if self.trainer.next_phase() == Phase::GenerateFakes {
            let batch = self.batcher.next_batch(&self.data);
            self.real = batch.pixels;
            self.real_labels = batch.labels;
            // The demonstration's broken batch: D learns NaN weights in phase 2 of this step.
            if self.diverge_at == Some(self.trainer.steps() + 1) {
                self.real.fill(f32::NAN);
                self.diverge_at = None;
            }
        }
        self.trainer
            .run_next_phase(Some(Real::labelled(&self.real, &self.real_labels)))
    }

    /// Runs the phases left in the current step (all six when none has run).
    pub(super) fn finish_step(&mut self) -> Result<StepReadout, TrainError> {
        loop {
            if let Some(readout) = self.run_phase()? {
                return Ok(readout);
            }
        }
    }

    pub(super) fn report_step(
        &mut self,
        stats: StepStats,
        redraw_grid: bool,
        out: &mut Vec<FromWorker>,
    ) {
        self.rate.record(self.clock.now_ms(), stats.step);
        let finite = stats.is_finite();
        let step = stats.step;
        out.push(FromWorker::Stats {
            steps_per_second: if self.running {
                self.rate.per_second()
            } else {
                0.0
            },
            stats,
        });
        // Slow motion and single steps show every finished step's grid.
        self.grid_due |= redraw_grid || self.speed == Speed::SlowMotion;
        if !finite {
            // Reading behind, the step after the diverged one ran on its NaNs: drop it.
            self.in_flight = None;
            self.pending = Pending::None;
            self.set_running(false, out);
            out.push(FromWorker::Diverged {
                step,
                last_good_step: self.last_good.as_ref().map(|g| g.step),
            });
        }
    }
}

/// Reads a step's statistics.
pub(super) async fn read_stats(readout: StepReadout) -> Result<StepStats, TrainError> {
    readout
        .read_async()
        .await
        .map_err(|e| TrainError::Read(e.0))
}
