//! A checkpoint as one self-describing byte string: the config, the step count, G's and D's
//! weights as burn records and, when saved from a trainer, both optimizers' state (Adam's
//! moments), sealed with SHA-256. Bytes, not files, so the browser can download and upload it.
//!
//! Layout (all integers little-endian):
//! `b"GANWERK1"` · format version `u32` (2) · config JSON length `u32` · config JSON ·
//! steps `u64` · G record length `u64` · G record · D record length `u64` · D record ·
//! optimizer state present `u8` (0 or 1) · [G optimizer length `u64` · G optimizer state ·
//! D optimizer length `u64` · D optimizer state] · SHA-256 of everything before it (32 bytes).

use crate::config::GanConfig;
use crate::model::Gan;
use burn::prelude::*;
use burn::store::ModuleRecord;
use burn::tensor::Bytes;
use sha2::{Digest, Sha256};

const MAGIC: &[u8; 8] = b"GANWERK1";
/// The format version this build writes and reads (1 had no optimizer state and no seal).
pub const FORMAT_VERSION: u32 = 2;
/// Bytes of the SHA-256 seal at the end.
const SEAL_LEN: usize = 32;
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
    /// Extra bytes after the seal.
    #[error("checkpoint has {0} unexpected bytes at the end")]
    TrailingBytes(usize),
    /// The seal does not match: the file was changed or damaged after it was saved.
    #[error("checkpoint is damaged: its SHA-256 seal does not match its contents")]
    Damaged,
    /// The optimizer state cannot be read.
    #[error("checkpoint optimizer state is not valid: {0}")]
    Optimizer(String),
}

/// Both optimizers' state (Adam's moments and step counts) as burn's own byte records, so that
/// training resumes as if it had never stopped.
#[derive(Debug, Clone, PartialEq)]
pub struct OptimizerState {
    /// G's optimizer.
    pub generator: Vec<u8>,
    /// D's optimizer.
    pub discriminator: Vec<u8>,
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
    /// The optimizers' state; `None` resumes with fresh optimizers.
    pub optimizers: Option<OptimizerState>,
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
        let optimizer_len = self
            .optimizers
            .as_ref()
            .map_or(0, |o| 16 + o.generator.len() + o.discriminator.len());
        let mut out =
            Vec::with_capacity(73 + config.len() + g.len() + d.len() + optimizer_len + SEAL_LEN);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(
            &u32::try_from(config.len())
                .unwrap_or(u32::MAX)
                .to_le_bytes(),
        );
        out.extend_from_slice(&config);
        out.extend_from_slice(&self.steps.to_le_bytes());
        put_record(&mut out, &g);
        put_record(&mut out, &d);
        match &self.optimizers {
            Some(state) => {
                out.push(1);
                put_record(&mut out, &state.generator);
                put_record(&mut out, &state.discriminator);
            }
            None => out.push(0),
        }
        let seal = Sha256::digest(&out);
        out.extend_from_slice(&seal);
        Ok(out)
    }

    /// Parses and checks a checkpoint and loads its weights into fresh networks on `device`.
    /// Nothing outside the returned value changes, so a refused file loses nothing. The
    /// structure is checked first (so a cut file says "truncated"), then the seal, and only
    /// then are the config and the weights decoded.
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
        let config = r.take(config_len, "config")?;
        let steps = u64::from_le_bytes(r.array("step count")?);
        let g = r.record("generator weights")?;
        let d = r.record("discriminator weights")?;
        let optimizers = match r.array::<1>("optimizer flag")?[0] {
            0 => None,
            1 => Some((
                r.record("generator optimizer")?,
                r.record("discriminator optimizer")?,
            )),
            flag => {
                return Err(CheckpointError::Optimizer(format!(
                    "unknown optimizer flag {flag}"
                )));
            }
        };
        let sealed = r.at;
        let seal = r.take(SEAL_LEN, "seal")?;
        if r.at != bytes.len() {
            return Err(CheckpointError::TrailingBytes(bytes.len() - r.at));
        }
        if Sha256::digest(&bytes[..sealed]).as_slice() != seal {
            return Err(CheckpointError::Damaged);
        }

        let config =
            std::str::from_utf8(config).map_err(|e| CheckpointError::Config(e.to_string()))?;
        let config =
            GanConfig::from_json(config).map_err(|e| CheckpointError::Config(e.to_string()))?;
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
            optimizers: optimizers.map(|(g, d)| OptimizerState {
                generator: g.to_vec(),
                discriminator: d.to_vec(),
            }),
        })
    }
}

/// Appends `part` with its length in front, as [`Reader::record`] reads it back.
fn put_record(out: &mut Vec<u8>, part: &[u8]) {
    out.extend_from_slice(&(part.len() as u64).to_le_bytes());
    out.extend_from_slice(part);
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
