//! What a class can watch between two phases: the fakes phase 1 left for phase 2, D's
//! probability "real" for any images, and D's loss on each half of phase 2. Nothing here
//! trains or draws random numbers, so looking never changes what the recipe does next.

use super::*;

impl GanTrainer {
    /// The first `count` fakes that phase 1 made and phase 2 has not used yet, without
    /// autodiff, with the classes G was asked for (a conditional GAN only). `None` outside the
    /// window between phase 1 and phase 2.
    pub fn fakes_in_hand(&self, count: usize) -> Option<(Tensor<2>, Option<Tensor<2>>)> {
        let fakes = self.work.fakes.as_ref()?; // [batch, 784]
        let count = count.min(self.config.batch_size).max(1);
        let first = fakes.clone().slice(0..count).without_autodiff(); // [count, 784]
        let classes = self
            .work
            .fake_classes
            .as_ref()
            .map(|c| c.clone().slice(0..count).without_autodiff()); // [count, 10]
        Some((first, classes))
    }

    /// D's probability "real" for `images` (`[n, 784]` in [-1, 1], with one-hot classes for a
    /// conditional D), as D is now: without autodiff and with dropout off, so the same images
    /// always get the same answer.
    pub fn judge_images(&self, images: Tensor<2>, classes: Option<Tensor<2>>) -> Tensor<2> {
        let discriminator = self.gan.discriminator.valid();
        sigmoid(discriminator.forward(with_classes(images, classes))) // [n, 1]
    }

    /// D's loss on the real half and on the fake half of the step's phase 2, `[2]`, on the
    /// device. `None` before phase 2 has run in this step.
    pub fn discriminator_losses(&self) -> Option<Tensor<1>> {
        let real = self.work.scalars.first()?.clone(); // [1]
        let fake = self.work.scalars.get(1)?.clone(); // [1]
        Some(Tensor::cat(vec![real, fake], 0).without_autodiff()) // [2]
    }
}
