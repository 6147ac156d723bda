//! "You are the detective": a round of real digits and forgeries of the generator as it is now,
//! mixed, with D's verdict on each, for a class to judge against D. Drawn between two ticks of
//! training with its own random numbers, so a round neither pauses nor changes the training.

use super::*;
use burn::prelude::{Tensor, TensorData};
use gan_core::IMAGE_PIXELS;
use gan_core::trainer::{one_hot, read_pixels_async, read_values_async};
use gan_data::normalise;
use gan_protocol::protocol::QUIZ_DIGITS;

/// Keeps the rounds' random numbers apart from the grid's, the answers' and the trainer's
/// ("quiz" in ASCII).
const QUIZ_STREAM: u64 = 0x7175_697a;

impl TrainingSession {
    /// Draws a round: half real digits from the training set, half fresh forgeries, in an
    /// order no one can guess, and D's probability "real" for each.
    pub(super) async fn draw_quiz(&mut self) -> Result<FromWorker, TrainError> {
        self.quizzes += 1;
        let config = self.trainer.config();
        let (latent, conditional) = (config.latent_dim, config.conditional);
        let mut rng = gan_data::Rng::new(config.seed ^ QUIZ_STREAM ^ self.quizzes);
        let fakes_count = QUIZ_DIGITS / 2;
        let reals_count = QUIZ_DIGITS - fakes_count;
        // The real half: random digits of the training set, normalised as training sees them.
        let picks: Vec<usize> = (0..reals_count)
            .map(|_| rng.below(self.data.len() as u64) as usize)
            .collect();
        let real: Vec<f32> = picks
            .iter()
            .flat_map(|&i| self.data.image(i).iter().map(|&p| normalise(p)))
            .collect(); // [reals × 784]
        let real_classes: Vec<u8> = picks.iter().map(|&i| self.data.label(i)).collect();
        // The forged half: fresh noise; a conditional G draws the classes of the real half, so
        // the class cannot tell them apart by which digits they are.
        let noise = rng.normal_vec(fakes_count * latent); // [fakes × latent]
        let fake_classes: Vec<u8> = (0..fakes_count)
            .map(|i| real_classes[i % real_classes.len()])
            .collect();
        let fakes = self.trainer.generate_classes(&noise, &fake_classes)?; // [fakes, 784]
        let device = fakes.device();
        let real =
            Tensor::<2>::from_data(TensorData::new(real, [reals_count, IMAGE_PIXELS]), &device); // [reals, 784]
        let images = Tensor::cat(vec![real, fakes], 0); // [8, 784]: real first
        let classes = conditional.then(|| {
            let all: Vec<u8> = real_classes.iter().chain(&fake_classes).copied().collect();
            one_hot(&all, &device) // [8, 10]
        });
        let verdicts = self.trainer.judge_images(images.clone(), classes); // [8, 1]
        let grey = to_grey(&read_pixels_async(images).await?); // [8 × 784]
        let d_says = read_values_async(verdicts).await?; // [8]
        // Shuffle the eight together (Fisher–Yates with the round's own numbers).
        let mut order: Vec<usize> = (0..QUIZ_DIGITS).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i as u64 + 1) as usize);
        }
        Ok(FromWorker::Quiz {
            step: self.trainer.steps(),
            pixels: order
                .iter()
                .flat_map(|&i| {
                    grey[i * DIGIT_PIXELS..(i + 1) * DIGIT_PIXELS]
                        .iter()
                        .copied()
                })
                .collect(),
            real: order.iter().map(|&i| i < reals_count).collect(),
            d_says: order.iter().map(|&i| d_says[i]).collect(),
        })
    }
}
