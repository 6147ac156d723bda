//! The judge as one self-checking byte string, shipped with the site as
//! `www/data/judge/judge.bin`: its shape, its measured accuracy, the feature statistics of the
//! real test digits (the reference of the Fréchet distance) and its weights.
//!
//! Layout (integers little-endian, floats `f32` little-endian):
//! `b"GANJUDGE"` · version `u32` · config JSON length `u32` · config JSON · test accuracy
//! `f32` · reference digits `u32` · feature length `u32` · mean `[dim]` · covariance
//! `[dim × dim]` · record length `u64` · burn record · SHA-256 of everything before it.

use crate::frechet::Gaussian;
use crate::model::{Judge, JudgeConfig};
use burn::prelude::*;
use burn::store::ModuleRecord;
use burn::tensor::Bytes;
use sha2::{Digest, Sha256};

const MAGIC: &[u8; 8] = b"GANJUDGE";
/// The format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// The largest judge file accepted (the shipped one is about 0.45 MB).
pub const MAX_BYTES: usize = 4 * 1024 * 1024;
const DIGEST_BYTES: usize = 32;
/// The largest feature length accepted, so a hostile header cannot ask for a huge matrix.
const MAX_FEATURES: usize = 1024;

/// A judge file that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum JudgeFileError {
    /// Not a judge file at all.
    #[error("not a judge file (it does not start with GANJUDGE)")]
    NotAJudge,
    /// Written by another version of the format.
    #[error("judge file version {found} is not supported (this app reads version {supported})")]
    Version {
        /// The version in the file.
        found: u32,
        /// The version this build reads.
        supported: u32,
    },
    /// Larger than [`MAX_BYTES`].
    #[error("judge file is {0} bytes, more than the limit of {MAX_BYTES}")]
    TooLarge(usize),
    /// Cut short.
    #[error("judge file is truncated: {0}")]
    Truncated(&'static str),
    /// The checksum at the end does not match: some bytes changed.
    #[error("judge file is damaged (its SHA-256 does not match its contents)")]
    Damaged,
    /// The embedded config or statistics do not make sense.
    #[error("judge file is not valid: {0}")]
    Invalid(String),
    /// The weights do not fit the network the config describes.
    #[error("judge weights do not fit the network: {0}")]
    Weights(String),
}

/// A trained judge with what the quality figures need.
#[derive(Debug, Clone)]
pub struct JudgeFile {
    /// The network's shape.
    pub config: JudgeConfig,
    /// Accuracy on the 10 000 MNIST test digits, measured when it was trained.
    pub test_accuracy: f32,
    /// How many real digits the reference statistics come from.
    pub reference_digits: u32,
    /// The Gaussian of the judge's features over those real digits.
    pub reference: Gaussian,
    /// The network.
    pub judge: Judge,
}

impl JudgeFile {
    /// Serialises the judge and its reference statistics.
    pub fn to_bytes(&self) -> Result<Vec<u8>, JudgeFileError> {
        let record = self
            .judge
            .clone()
            .into_record()
            .into_bytes()
            .map_err(|e| JudgeFileError::Weights(format!("{e:?}")))?;
        let config =
            serde_json::to_vec(&self.config).map_err(|e| JudgeFileError::Invalid(e.to_string()))?;
        let dim = self.reference.dim();
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(config.len() as u32).to_le_bytes());
        out.extend_from_slice(&config);
        out.extend_from_slice(&self.test_accuracy.to_le_bytes());
        out.extend_from_slice(&self.reference_digits.to_le_bytes());
        out.extend_from_slice(&(dim as u32).to_le_bytes());
        for v in self.reference.mean.iter().chain(&self.reference.cov) {
            out.extend_from_slice(&(*v as f32).to_le_bytes());
        }
        out.extend_from_slice(&(record.len() as u64).to_le_bytes());
        out.extend_from_slice(&record);
        let digest = Sha256::digest(&out);
        out.extend_from_slice(&digest);
        Ok(out)
    }

    /// Checks and parses a judge file and loads its weights onto `device`. A refused file
    /// changes nothing.
    pub fn from_bytes(bytes: &[u8], device: &Device) -> Result<Self, JudgeFileError> {
        if bytes.len() > MAX_BYTES {
            return Err(JudgeFileError::TooLarge(bytes.len()));
        }
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(JudgeFileError::NotAJudge);
        }
        let mut r = Reader { bytes, at: 0 };
        r.take(MAGIC.len(), "magic")?;
        let version = u32::from_le_bytes(r.array("version")?);
        if version != FORMAT_VERSION {
            return Err(JudgeFileError::Version {
                found: version,
                supported: FORMAT_VERSION,
            });
        }
        // The checksum covers everything; check it before trusting any length in the header.
        let body_len = bytes
            .len()
            .checked_sub(DIGEST_BYTES)
            .filter(|&n| n >= r.at)
            .ok_or(JudgeFileError::Truncated("checksum"))?;
        if Sha256::digest(&bytes[..body_len]).as_slice() != &bytes[body_len..] {
            return Err(JudgeFileError::Damaged);
        }
        let body = &bytes[..body_len];
        let mut r = Reader {
            bytes: body,
            at: r.at,
        };

        let config_len = u32::from_le_bytes(r.array("config length")?) as usize;
        let config: JudgeConfig = serde_json::from_slice(r.take(config_len, "config")?)
            .map_err(|e| JudgeFileError::Invalid(format!("config: {e}")))?;
        let test_accuracy = f32::from_le_bytes(r.array("accuracy")?);
        let reference_digits = u32::from_le_bytes(r.array("reference count")?);
        let dim = u32::from_le_bytes(r.array("feature length")?) as usize;
        if dim != config.features || dim == 0 || dim > MAX_FEATURES {
            return Err(JudgeFileError::Invalid(format!(
                "the statistics have {dim} features, the network {}",
                config.features
            )));
        }
        let floats = |r: &mut Reader<'_>, n: usize, what| -> Result<Vec<f64>, JudgeFileError> {
            let raw = r.take(n * 4, what)?;
            Ok(raw
                .chunks_exact(4)
                .map(|c| f64::from(f32::from_le_bytes([c[0], c[1], c[2], c[3]])))
                .collect())
        };
        let mean = floats(&mut r, dim, "reference mean")?;
        let cov = floats(&mut r, dim * dim, "reference covariance")?;
        if !(mean.iter().chain(&cov).all(|v| v.is_finite()) && test_accuracy.is_finite()) {
            return Err(JudgeFileError::Invalid(
                "the statistics are not finite numbers".into(),
            ));
        }
        let record_len = usize::try_from(u64::from_le_bytes(r.array("record length")?))
            .map_err(|_| JudgeFileError::Truncated("weights"))?;
        let record = r.take(record_len, "weights")?;
        if r.at != body.len() {
            return Err(JudgeFileError::Invalid(format!(
                "{} unexpected bytes after the weights",
                body.len() - r.at
            )));
        }
        let record = ModuleRecord::from_bytes(Bytes::from_bytes_vec(record.to_vec()))
            .map_err(|e| JudgeFileError::Weights(format!("{e:?}")))?;
        let judge = config
            .init(device)
            .try_load_record(record)
            .map_err(|e| JudgeFileError::Weights(format!("{e:?}")))?;
        Ok(Self {
            config,
            test_accuracy,
            reference_digits,
            reference: Gaussian { mean, cov },
            judge,
        })
    }
}

/// A cursor over the bytes that names what was cut short.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize, what: &'static str) -> Result<&'a [u8], JudgeFileError> {
        let end = self
            .at
            .checked_add(len)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(JudgeFileError::Truncated(what))?;
        let part = &self.bytes[self.at..end];
        self.at = end;
        Ok(part)
    }

    fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], JudgeFileError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N, what)?);
        Ok(out)
    }
}
