//! What the session keeps and takes in: the last good networks, checkpoints saved and loaded,
//! and a class's own pictures as the training set.

use super::*;

impl TrainingSession {
    /// Goes back to the last good networks (the optimizers start fresh), or says why not.
    pub(super) fn restore_last_good(&mut self) -> FromWorker {
        match &self.last_good {
            Some(good) => {
                self.trainer.load(good.gan.clone(), good.step);
                self.grid_due = true;
                self.rate.clear();
                FromWorker::Restored { step: good.step }
            }
            None => FromWorker::Rejected {
                message: "No good state is kept yet (the first is kept at step 100): press \
                          Reset to start over."
                    .into(),
            },
        }
    }

    /// The networks, the optimizers and the config as a checkpoint file.
    pub(super) fn save_checkpoint(&self) -> FromWorker {
        if !self.blocking_reads {
            return FromWorker::Rejected {
                message: self.lang.texts().save_needs_cpu.into(),
            };
        }
        let checkpoint = self.trainer.optimizer_state().and_then(|optimizers| {
            Checkpoint {
                config: self.trainer.config().clone(),
                steps: self.trainer.steps(),
                gan: self.trainer.gan().clone(),
                optimizers: Some(optimizers),
            }
            .to_bytes()
        });
        match checkpoint {
            Ok(bytes) => FromWorker::Checkpoint {
                step: self.trainer.steps(),
                bytes,
            },
            Err(e) => FromWorker::Rejected {
                message: fill(self.lang.texts().save_failed, &[("why", &e)]),
            },
        }
    }

    /// Replaces the networks with a checkpoint's. Everything is checked before anything
    /// changes, so a refused file leaves the model as it was.
    pub(super) fn load_checkpoint(&mut self, bytes: &[u8]) -> FromWorker {
        let refuse = |why: String| FromWorker::Rejected {
            message: fill(self.lang.texts().file_not_loaded, &[("why", &why)]),
        };
        let checkpoint = match Checkpoint::from_bytes(bytes, self.trainer.device()) {
            Ok(checkpoint) => checkpoint,
            Err(e) => return refuse(e.to_string()),
        };
        let config = checkpoint.config.clone();
        let batcher = match Batcher::for_set(&self.data, config.batch_size, config.seed) {
            Ok(batcher) => batcher,
            Err(e) => return refuse(e.to_string()),
        };
        // A trainer for the checkpoint's config takes its networks and optimizers first; only
        // when all of it fits does it replace the running one.
        let mut trainer = match GanTrainer::new(config.clone(), self.trainer.device()) {
            Ok(trainer) => trainer,
            Err(e) => return refuse(e.to_string()),
        };
        trainer.load(checkpoint.gan, checkpoint.steps);
        if let Some(state) = &checkpoint.optimizers
            && let Err(e) = trainer.load_optimizers(state)
        {
            return refuse(e.to_string());
        }
        trainer.set_probe_after_update(false);
        self.trainer.take_over(trainer);
        self.batcher = batcher;
        // Snapshots of the run before belong to other networks: the restart drops them.
        self.restart_grid_and_judge();
        FromWorker::CheckpointLoaded {
            step: checkpoint.steps,
            config,
            with_optimizers: checkpoint.optimizers.is_some(),
        }
    }

    /// Keeps the networks as "last good" when a snapshot is due and their weights are finite.
    pub(super) async fn maybe_snapshot(&mut self) -> Result<(), TrainError> {
        let step = self.trainer.steps();
        let due = step > 0
            && step.is_multiple_of(SNAPSHOT_EVERY_STEPS)
            && self.last_good.as_ref().is_none_or(|g| g.step != step);
        if due && self.trainer.gan().weights_finite_async().await? {
            self.last_good = Some(LastGood {
                step,
                gan: self.trainer.gan().clone(),
            });
        }
        Ok(())
    }

    /// Makes a class's own pictures the training set, with fresh networks; or refuses, and
    /// nothing changes.
    pub(super) fn use_pictures(&mut self, files: Vec<PictureFile>) -> Vec<FromWorker> {
        let lang = self.lang;
        let t = lang.texts();
        let refuse = |message: String| vec![FromWorker::Rejected { message }];
        let uploads = files
            .into_iter()
            .map(|f| Upload {
                name: f.name,
                bytes: f.bytes,
            })
            .collect();
        let set = match read_upload(uploads, Limits::default()) {
            Ok(set) => set,
            Err(e) => return refuse(pictures::upload_error_text(&e, lang)),
        };
        let config = self.trainer.config().clone();
        let count = set.len();
        if count < config.batch_size {
            return refuse(fill(
                t.own_too_few,
                &[("count", &count), ("batch", &config.batch_size)],
            ));
        }
        // Own pictures have no classes: each counts as class 0.
        let data = match MnistSet::new(set.digits, vec![0; count]) {
            Ok(data) => data,
            Err(e) => return refuse(fill(t.training_failed, &[("why", &e)])),
        };
        let batcher = match Batcher::for_set(&data, config.batch_size, config.seed) {
            Ok(batcher) => batcher,
            Err(e) => return refuse(fill(t.training_failed, &[("why", &e)])),
        };
        let mut out = Vec::new();
        self.set_running(false, &mut out);
        self.pending = Pending::None;
        self.data = data;
        self.batcher = batcher;
        self.trainer.reset();
        self.last_good = None;
        self.restart_grid_and_judge();
        // The judge reads digits: on a class's own pictures its figures would mean nothing.
        self.judge = None;
        let shown = count.min(STRIP_DIGITS);
        let mut message = fill(t.own_in_use, &[("count", &count)]);
        if !set.skipped.is_empty() {
            message.push_str(&fill(
                t.own_skipped,
                &[
                    ("count", &set.skipped.len()),
                    ("first", &pictures::first_skipped(&set.skipped, lang)),
                ],
            ));
        }
        out.push(FromWorker::PicturesInUse {
            pictures: count as u32,
            real_digits: self.data.images()[..shown * DIGIT_PIXELS].to_vec(),
            message,
        });
        out.push(FromWorker::JudgeUnavailable {
            message: t.judge_own_pictures.into(),
        });
        out
    }
}
