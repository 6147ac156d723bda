//! What the session draws for the page: the live grid, the latent walk and a conditional G's
//! answer to "draw a 7".

use super::*;

impl TrainingSession {
    /// The fixed-noise grid, labelled by the judge when the page asks for it.
    pub(super) async fn draw_grid(&self) -> Result<FromWorker, TrainError> {
        let images = self.trainer.generate(&self.grid_noise)?; // [64, 784]
        let verdicts: Vec<DigitVerdict> = match (&self.judge, self.show_verdicts) {
            (Some(judge), true) => judge
                .verdicts(images.clone())
                .await
                .map_err(TrainError::Read)?,
            _ => Vec::new(),
        };
        let values = gan_core::trainer::read_pixels_async(images).await?;
        Ok(FromWorker::Grid {
            step: self.trainer.steps(),
            pixels: to_grey(&values),
            verdicts,
        })
    }

    /// The walk between two grid digits, drawn by the generator as it is now.
    pub(super) async fn draw_walk(&self, ends: WalkEnds) -> Result<FromWorker, TrainError> {
        let latent = self.trainer.config().latent_dim;
        let noise = walk_noise(&self.grid_noise, latent, ends); // [32 × latent]
        // A conditional walk also blends the two digits' classes, frame by frame.
        let classes = walk_classes(ends, GridShape::of(self.trainer.config()).columns); // [32 × 10]
        let images = self.trainer.generate_soft(&noise, &classes)?; // [32, 784]
        let values = gan_core::trainer::read_pixels_async(images).await?; // [32 × 784]
        Ok(FromWorker::Walk {
            step: self.trainer.steps(),
            ends,
            pixels: to_grey(&values),
        })
    }

    /// Eight fresh drawings of `digit` by a conditional G (what "draw a 7" shows).
    pub(super) async fn answer(&mut self, digit: u8) -> Result<FromWorker, TrainError> {
        self.asked += 1;
        let latent = self.trainer.config().latent_dim;
        let noise = gan_data::Rng::new(self.trainer.config().seed ^ ASK_STREAM ^ self.asked)
            .normal_vec(ASKED_DRAWINGS * latent); // [8 × latent]
        let images = self
            .trainer
            .generate_classes(&noise, &[digit; ASKED_DRAWINGS])?; // [8, 784]
        let values = gan_core::trainer::read_pixels_async(images).await?; // [8 × 784]
        Ok(FromWorker::Answer {
            step: self.trainer.steps(),
            digit,
            pixels: to_grey(&values),
        })
    }
}
