//! The header every model file starts with (an 8-byte magic number saying what kind of
//! file it is, then a `u32` layout version), and the check that refuses a file of another
//! kind or version with an error that says which file, which versions and how to retrain.
//!
//! ```
//! use dateline_ml::binio::{Reader, Writer};
//! use dateline_ml::model_file::{Header, HeaderError, ModelFile};
//!
//! const NER: ModelFile = ModelFile {
//!     name: "NER model",
//!     file: "crates/dateline-entities/data/ner.model",
//!     header: Header { magic: *b"DLNERPCT", version: 1 },
//!     also_reads: &[],
//!     retrain: "cargo run --release -p dateline-entities --example train_ner",
//! };
//! let mut w = Writer::default();
//! NER.write_header(&mut w);
//! assert_eq!(NER.read_header(&mut Reader::new(&w.bytes)), Ok(1));
//!
//! w.bytes[8] = 9; // a file from another build
//! let err = NER.read_header(&mut Reader::new(&w.bytes)).unwrap_err();
//! assert!(matches!(err, HeaderError::Version { found: 9, expected: 1, .. }));
//! assert_eq!(
//!     err.to_string(),
//!     "NER model has format version 9, this build reads version 1: retrain it \
//!      (crates/dateline-entities/data/ner.model) with \
//!      `cargo run --release -p dateline-entities --example train_ner`"
//! );
//! ```

use crate::binio::{Reader, Writer};
use std::fmt;

/// The first 12 bytes of a model file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// Says what kind of model the file holds, such as `b"DLSYNTAX"`.
    pub magic: [u8; 8],
    /// The layout version, bumped whenever the layout after the header changes.
    pub version: u32,
}

/// One kind of model file: its header and what an error about it must say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelFile {
    /// What the model is, in errors: "NER model".
    pub name: &'static str,
    /// The committed file, relative to the repository root.
    pub file: &'static str,
    /// The header this build writes.
    pub header: Header,
    /// Older versions this build still reads (their layout is a subset of the current).
    pub also_reads: &'static [u32],
    /// The command that retrains the file.
    pub retrain: &'static str,
}

/// Why a model file's header was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderError {
    /// The file does not start with the magic number: it is some other file.
    NotThisKind {
        /// [`ModelFile::name`].
        name: &'static str,
        /// The magic number expected.
        magic: [u8; 8],
    },
    /// The file is of this kind but of a version this build cannot read.
    Version {
        /// [`ModelFile::name`].
        name: &'static str,
        /// [`ModelFile::file`].
        file: &'static str,
        /// The version in the file.
        found: u32,
        /// The version this build writes.
        expected: u32,
        /// [`ModelFile::retrain`].
        retrain: &'static str,
    },
    /// The file ends inside the header.
    Truncated {
        /// [`ModelFile::name`].
        name: &'static str,
    },
}

impl fmt::Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderError::NotThisKind { name, magic } => write!(
                f,
                "not a {name} file: it does not start with \"{}\"",
                String::from_utf8_lossy(magic)
            ),
            HeaderError::Version {
                name,
                file,
                found,
                expected,
                retrain,
            } => write!(
                f,
                "{name} has format version {found}, this build reads version {expected}: \
                 retrain it ({file}) with `{retrain}`"
            ),
            HeaderError::Truncated { name } => write!(f, "{name} file ends inside its header"),
        }
    }
}

impl std::error::Error for HeaderError {}

impl From<HeaderError> for dateline_core::Error {
    fn from(e: HeaderError) -> Self {
        dateline_core::Error::Other(e.to_string())
    }
}

impl ModelFile {
    /// Writes the header this build writes.
    pub fn write_header(&self, w: &mut Writer) {
        w.raw(&self.header.magic);
        w.u32(self.header.version);
    }

    /// Reads and checks the header, returning the file's version: the current one or one
    /// of [`ModelFile::also_reads`].
    pub fn read_header(&self, r: &mut Reader) -> Result<u32, HeaderError> {
        if r.take(8).ok() != Some(&self.header.magic[..]) {
            return Err(HeaderError::NotThisKind {
                name: self.name,
                magic: self.header.magic,
            });
        }
        let found = r
            .u32()
            .map_err(|_| HeaderError::Truncated { name: self.name })?;
        if found != self.header.version && !self.also_reads.contains(&found) {
            return Err(HeaderError::Version {
                name: self.name,
                file: self.file,
                found,
                expected: self.header.version,
                retrain: self.retrain,
            });
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEURAL: ModelFile = ModelFile {
        name: "neural syntax model",
        file: "crates/dateline-syntax/model/neural.bin",
        header: Header {
            magic: *b"DLNEURAL",
            version: 2,
        },
        also_reads: &[1],
        retrain: "crates/dateline-syntax/neural/train.sh",
    };

    fn header(magic: &[u8], version: u32) -> Vec<u8> {
        let mut bytes = magic.to_vec();
        bytes.extend_from_slice(&version.to_le_bytes());
        bytes
    }

    #[test]
    fn current_and_older_readable_versions_pass() {
        let read = |bytes: &[u8]| NEURAL.read_header(&mut Reader::new(bytes));
        assert_eq!(read(&header(b"DLNEURAL", 2)), Ok(2));
        assert_eq!(read(&header(b"DLNEURAL", 1)), Ok(1));
        let err = read(&header(b"DLNEURAL", 3)).unwrap_err();
        assert!(matches!(
            err,
            HeaderError::Version {
                found: 3,
                expected: 2,
                ..
            }
        ));
        let message = dateline_core::Error::from(err).to_string();
        assert!(message.contains("neural syntax model has format version 3"));
        assert!(message.contains("crates/dateline-syntax/neural/train.sh"));
    }

    #[test]
    fn other_files_and_short_files_are_refused() {
        let read = |bytes: &[u8]| NEURAL.read_header(&mut Reader::new(bytes));
        let err = read(&header(b"DLSYNTAX", 2)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "not a neural syntax model file: it does not start with \"DLNEURAL\""
        );
        assert!(matches!(read(b"DLN"), Err(HeaderError::NotThisKind { .. })));
        assert_eq!(
            read(b"DLNEURAL\x02\0"),
            Err(HeaderError::Truncated {
                name: "neural syntax model"
            })
        );
    }

    #[test]
    fn the_written_header_reads_back_and_leaves_the_reader_after_it() {
        let mut w = Writer::default();
        NEURAL.write_header(&mut w);
        w.u8(42);
        let mut r = Reader::new(&w.bytes);
        assert_eq!(NEURAL.read_header(&mut r), Ok(2));
        assert_eq!(r.u8().unwrap(), 42);
    }
}
