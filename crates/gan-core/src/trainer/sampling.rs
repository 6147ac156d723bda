//! Drawing digits with the generator as it is now, without training it.

use super::*;

impl GanTrainer {
    /// Images from G for the given noise (`count × latent` values), without autodiff and with
    /// batch norm in inference mode, so the same noise always gives the same image. A
    /// conditional G draws class `i mod 10` for the `i`-th noise vector: in rows of ten, one
    /// column per digit.
    pub fn generate(&self, noise: &[f32]) -> Result<Tensor<2>, TrainError> {
        let count = noise.len() / self.config.latent_dim.max(1);
        let classes: Vec<u8> = (0..count).map(|i| (i % CLASSES) as u8).collect();
        self.generate_classes(noise, &classes)
    }

    /// Images from G for the given noise, a conditional G drawing the given class for each
    /// noise vector (an unconditional G ignores the classes).
    pub fn generate_classes(&self, noise: &[f32], classes: &[u8]) -> Result<Tensor<2>, TrainError> {
        self.generate_soft(noise, &one_hot_rows(classes))
    }

    /// Images from G for the given noise and, for a conditional G, a class vector of ten
    /// weights per noise vector: one-hot asks for a digit, a blend of two (the latent walk
    /// between a 3 and an 8) asks for something between them.
    pub fn generate_soft(&self, noise: &[f32], classes: &[f32]) -> Result<Tensor<2>, TrainError> {
        let latent = self.config.latent_dim;
        if noise.is_empty() || !noise.len().is_multiple_of(latent) {
            return Err(TrainError::BadNoise {
                latent,
                got: noise.len(),
            });
        }
        let count = noise.len() / latent;
        let z = Tensor::<2>::from_data(
            TensorData::new(noise.to_vec(), [count, latent]),
            &self.device,
        ); // [count, latent]
        let classes = if self.config.conditional {
            if classes.len() != count * CLASSES {
                return Err(TrainError::BadLabels {
                    expected: count,
                    got: classes.len() / CLASSES,
                });
            }
            Some(Tensor::<2>::from_data(
                TensorData::new(classes.to_vec(), [count, CLASSES]),
                &self.device,
            )) // [count, 10]
        } else {
            None
        };
        Ok(self.gan.generator.valid().forward(with_classes(z, classes))) // [count, 784]
    }

    /// The images of [`GanTrainer::generate`] as pixels in [-1, 1], read without blocking.
    pub async fn sample_async(&self, noise: &[f32]) -> Result<Vec<f32>, TrainError> {
        read_pixels_async(self.generate(noise)?).await
    }

    /// The images of [`GanTrainer::generate`] as pixels in [-1, 1]. Native only.
    #[cfg(not(target_family = "wasm"))]
    pub fn sample(&self, noise: &[f32]) -> Result<Vec<f32>, TrainError> {
        let images = self.generate(noise)?;
        images
            .into_data()
            .try_to_vec::<f32>()
            .map_err(|e| TrainError::Read(format!("{e:?}")))
    }
}

/// Reads images `[n, 784]` back from the device as pixels, without blocking.
pub async fn read_pixels_async(images: Tensor<2>) -> Result<Vec<f32>, TrainError> {
    read_values_async(images).await
}

/// Reads any `[n, k]` tensor back from the device (D's verdicts, a pair of losses), row after
/// row, without blocking.
pub async fn read_values_async(values: Tensor<2>) -> Result<Vec<f32>, TrainError> {
    values
        .into_data_async()
        .await
        .map_err(|e| TrainError::Read(format!("{e:?}")))?
        .try_to_vec::<f32>()
        .map_err(|e| TrainError::Read(format!("{e:?}")))
}
