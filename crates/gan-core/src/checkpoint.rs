//! A checkpoint as one self-describing byte string: the config, the step count, and G's and D's
//! weights as burn records. Bytes, not files, so the browser can download and upload it.
//!
//! Layout (all integers little-endian):
//! `b"GANWERK1"` · format version `u32` · config JSON length `u32` · config JSON ·
//! steps `u64` · G record length `u64` · G record · D record length `u64` · D record.

use crate::config::GanConfig;
use crate::model::Gan;
use burn::prelude::*;
use burn::store::ModuleRecord;
use burn::tensor::Bytes;

const MAGIC: &[u8; 8] = b"GANWERK1";
/// The format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// The largest checkpoint accepted; the MLP GAN is about 8 MB.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// A checkpoint that cannot be read, and why.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CheckpointError {
    /// Not a GAN Werkstatt checkpoint at all.
    #[error("not a GAN Werkstatt checkpoint (the file does not start with GANWERK1)")]
    NotACheckpoint,
    /// Written by another version of the format.
    #[error(
        "checkpoint format version {found} is not supported (this app reads version {supported})"
    )]
    Version {
        /// The version in the file.
        found: u32,
        /// The version this build reads.
        supported: u32,
    },
    /// Cut short.
    #[error("checkpoint is truncated: {0}")]
    Truncated(&'static str),
    /// Larger than [`MAX_BYTES`].
    #[error("checkpoint is {0} bytes, more than the limit of {MAX_BYTES}")]
    TooLarge(usize),
    /// The embedded config is not valid.
    #[error("checkpoint config is not valid: {0}")]
    Config(String),
    /// The weights do not fit the networks the config describes.
    #[error("checkpoint weights do not fit the model: {0}")]
    Weights(String),
    /// Extra bytes after the last record.
    #[error("checkpoint has {0} unexpected bytes at the end")]
    TrailingBytes(usize),
}

/// A saved training state.
#[derive(Debug)]
pub struct Checkpoint {
    /// The hyperparameters the networks were built with.
    pub config: GanConfig,
    /// Steps trained.
    pub steps: u64,
    /// Both networks.
    pub gan: Gan,
}

impl Checkpoint {
    /// Serialises the checkpoint. Reads the weights synchronously: on WebGPU in the browser,
    /// call it from a context that may block (a worker on the CPU backend) or read first.
    pub fn to_bytes(&self) -> Result<Vec<u8>, CheckpointError> {
        let record = |module: ModuleRecord| {
            module
                .into_bytes()
                .map(|b| b.to_vec())
                .map_err(|e| CheckpointError::Weights(format!("{e:?}")))
        };
        let g = record(self.gan.generator.clone().into_record())?;
        let d = record(self.gan.discriminator.clone().into_record())?;
        let config = self.config.to_json().into_bytes();
        let mut out = Vec::with_capacity(40 + config.len() + g.len() + d.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(
            &u32::try_from(config.len())
                .unwrap_or(u32::MAX)
                .to_le_bytes(),
        );
        out.extend_from_slice(&config);
        out.extend_from_slice(&self.steps.to_le_bytes());
        for part in [&g, &d] {
            out.extend_from_slice(&(part.len() as u64).to_le_bytes());
            out.extend_from_slice(part);
        }
        Ok(out)
    }

    /// Parses and checks a checkpoint and loads its weights into fresh networks on `device`.
    /// Nothing outside the returned value changes, so a refused file loses nothing.
    pub fn from_bytes(bytes: &[u8], device: &Device) -> Result<Self, CheckpointError> {
        if bytes.len() > MAX_BYTES {
            return Err(CheckpointError::TooLarge(bytes.len()));
        }
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len(), "magic").ok() != Some(MAGIC.as_slice()) {
            return Err(CheckpointError::NotACheckpoint);
        }
        let version = u32::from_le_bytes(r.array("version")?);
        if version != FORMAT_VERSION {
            return Err(CheckpointError::Version {
                found: version,
                supported: FORMAT_VERSION,
            });
        }
        let config_len = u32::from_le_bytes(r.array("config length")?) as usize;
        let config = std::str::from_utf8(r.take(config_len, "config")?)
            .map_err(|e| CheckpointError::Config(e.to_string()))?;
        let config =
            GanConfig::from_json(config).map_err(|e| CheckpointError::Config(e.to_string()))?;
        let steps = u64::from_le_bytes(r.array("step count")?);
        let g = r.record("generator weights")?;
        let d = r.record("discriminator weights")?;
        if r.at != bytes.len() {
            return Err(CheckpointError::TrailingBytes(bytes.len() - r.at));
        }

        let fresh = Gan::new(&config, device);
        let load = |record: &[u8]| {
            ModuleRecord::from_bytes(Bytes::from_bytes_vec(record.to_vec()))
                .map_err(|e| CheckpointError::Weights(format!("{e:?}")))
        };
        let generator = fresh
            .generator
            .try_load_record(load(g)?)
            .map_err(|e| CheckpointError::Weights(format!("generator: {e:?}")))?;
        let discriminator = fresh
            .discriminator
            .try_load_record(load(d)?)
            .map_err(|e| CheckpointError::Weights(format!("discriminator: {e:?}")))?;
        Ok(Self {
            config,
            steps,
            gan: Gan {
                generator,
                discriminator,
            },
        })
    }
}

/// A cursor over the checkpoint bytes that names what was cut short.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize, what: &'static str) -> Result<&'a [u8], CheckpointError> {
        let end = self
            .at
            .checked_add(len)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(CheckpointError::Truncated(what))?;
        let part = &self.bytes[self.at..end];
        self.at = end;
        Ok(part)
    }

    fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], CheckpointError> {
        let part = self.take(N, what)?;
        let mut out = [0u8; N];
        out.copy_from_slice(part);
        Ok(out)
    }

    fn record(&mut self, what: &'static str) -> Result<&'a [u8], CheckpointError> {
        let len = u64::from_le_bytes(self.array(what)?);
        let len = usize::try_from(len).map_err(|_| CheckpointError::Truncated(what))?;
        self.take(len, what)
    }
}
