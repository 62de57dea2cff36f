//! Little-endian reading and writing of model files.
//!
//! [`Writer`] appends values to a byte buffer; [`Reader`] reads them back and fails,
//! never panics, on truncated or corrupt input, with an error that names the model.
//!
//! ```
//! use dateline_ml::binio::{Reader, Writer};
//!
//! let mut w = Writer::default();
//! w.u32(7);
//! w.str("PER");
//! w.f32(0.5);
//! let mut r = Reader::named(&w.bytes, "NER model");
//! assert_eq!(r.u32().unwrap(), 7);
//! assert_eq!(r.str().unwrap(), "PER");
//! assert_eq!(r.f32().unwrap(), 0.5);
//! assert!(r.at_end());
//! let err = r.u8().unwrap_err().to_string();
//! assert_eq!(err, "NER model is corrupt or truncated (eof)");
//! ```

use dateline_core::{Error, Result};

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer {
    /// Everything written so far.
    pub bytes: Vec<u8>,
}

impl Writer {
    /// Appends one byte.
    pub fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }
    /// Appends a little-endian `u16`.
    pub fn u16(&mut self, v: u16) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends a little-endian `u32`.
    pub fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends a little-endian `u64`.
    pub fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends a little-endian `i16`.
    pub fn i16(&mut self, v: i16) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends a little-endian `f32`.
    pub fn f32(&mut self, v: f32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends raw bytes (a magic number, a block written elsewhere).
    pub fn raw(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }
    /// Appends a string: its length as a `u32`, then its UTF-8 bytes.
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.bytes.extend_from_slice(s.as_bytes());
    }
    /// Appends a count as a `u32`; panics if it does not fit.
    pub fn count(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("model section too large"));
    }
}

/// Reads values back, failing (never panicking) on truncated or corrupt input.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    name: &'static str,
}

impl<'a> Reader<'a> {
    /// A reader whose errors speak of a "syntax model" (the syntax crate's readers
    /// predate [`Reader::named`]; other models should use that).
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader::named(bytes, "syntax model")
    }
    /// A reader whose errors name the model, such as "NER model".
    pub fn named(bytes: &'a [u8], name: &'static str) -> Self {
        Reader {
            bytes,
            pos: 0,
            name,
        }
    }
    /// The model's name, as errors give it.
    pub fn name(&self) -> &'static str {
        self.name
    }
    /// The error for corrupt input, saying `what` was wrong.
    pub fn corrupt(&self, what: &str) -> Error {
        Error::Other(format!("{} is corrupt or truncated ({what})", self.name))
    }
    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .ok_or_else(|| self.corrupt("length"))?;
        let slice = self
            .bytes
            .get(self.pos..end)
            .ok_or_else(|| self.corrupt("eof"))?;
        self.pos = end;
        Ok(slice)
    }
    /// One byte.
    pub fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    /// A little-endian `u16`.
    pub fn u16(&mut self) -> Result<u16> {
        Ok(u16::from_le_bytes(
            self.take(2)?.try_into().expect("2 bytes"),
        ))
    }
    /// A little-endian `u32`.
    pub fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    /// A little-endian `u64`.
    pub fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }
    /// A little-endian `i16`.
    pub fn i16(&mut self) -> Result<i16> {
        Ok(i16::from_le_bytes(
            self.take(2)?.try_into().expect("2 bytes"),
        ))
    }
    /// A little-endian `f32`.
    pub fn f32(&mut self) -> Result<f32> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    /// A string written by [`Writer::str`].
    pub fn str(&mut self) -> Result<String> {
        let b = self.str_bytes()?;
        String::from_utf8(b.to_vec()).map_err(|_| self.corrupt("utf-8"))
    }
    /// The bytes of a string written by [`Writer::str`], unchecked and not copied.
    pub fn str_bytes(&mut self) -> Result<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    /// A count written by [`Writer::count`], checked against the bytes left.
    pub fn count(&mut self) -> Result<usize> {
        let n = self.u32()? as usize;
        // A count can never exceed the bytes left; this bounds allocations on corrupt input.
        if n > self.remaining() {
            return Err(self.corrupt("count"));
        }
        Ok(n)
    }
    /// How many bytes are left to read.
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }
    /// Whether every byte has been read.
    pub fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_round_trips() {
        let mut w = Writer::default();
        w.u8(200);
        w.u16(65_000);
        w.u32(4_000_000_000);
        w.u64(u64::MAX - 1);
        w.i16(-32_767);
        w.f32(-1.25);
        w.raw(b"DL");
        w.str("Zelensky’s");
        w.count(3);
        let mut r = Reader::named(&w.bytes, "test model");
        assert_eq!(r.u8().unwrap(), 200);
        assert_eq!(r.u16().unwrap(), 65_000);
        assert_eq!(r.u32().unwrap(), 4_000_000_000);
        assert_eq!(r.u64().unwrap(), u64::MAX - 1);
        assert_eq!(r.i16().unwrap(), -32_767);
        assert_eq!(r.f32().unwrap(), -1.25);
        assert_eq!(r.take(2).unwrap(), b"DL");
        assert_eq!(r.str().unwrap(), "Zelensky’s");
        assert_eq!(r.remaining(), 4);
        // 3 is more than the 0 bytes left after it: corrupt, not a huge allocation.
        assert!(r.count().is_err());
    }

    #[test]
    fn bad_input_is_an_error_naming_the_model() {
        let mut r = Reader::named(&[1, 0, 0, 0, 0xFF], "NER model");
        let err = r.str().unwrap_err().to_string();
        assert_eq!(err, "NER model is corrupt or truncated (utf-8)");
        let mut r = Reader::new(&[1, 2, 3]);
        assert!(r.u32().unwrap_err().to_string().starts_with("syntax model"));
        assert!(r.take(usize::MAX).is_err());
    }
}
