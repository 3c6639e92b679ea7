//! Framed messages between a client and the relay.
//!
//! A frame is a 4-byte big-endian length `L`, then `L` bytes: a 4-byte
//! big-endian header length `H`, `H` bytes of JSON header ([`crate::proto`]),
//! and `L - 4 - H` bytes of binary payload (a DKG message, an envelope's
//! payload). The reader refuses a frame longer than its current limit
//! before reading it, so a peer cannot make it allocate more.

use std::io;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// The default cap on any frame: 64 MiB.
pub const DEFAULT_MAX_FRAME: usize = 64 << 20;

/// The limit before a connection has said which session it runs (the
/// `join` frame carries the host key list): 8 MiB.
pub const PRE_SESSION_MAX_FRAME: usize = 8 << 20;

/// The room a header takes beyond the payload, in the frame limit.
pub const HEADER_ALLOWANCE: usize = 16 << 10;

/// One frame: a JSON header and a binary payload.
#[derive(Clone, Debug)]
pub struct Frame {
    /// The encoded JSON header.
    pub header: Vec<u8>,
    /// The payload, shared so that one message pushed to many connections
    /// is not copied.
    pub payload: Arc<Vec<u8>>,
}

/// Why a frame could not be read.
#[derive(Debug)]
pub enum FrameError {
    /// The peer closed the connection between frames.
    Closed,
    /// The declared length is over the limit.
    Oversized {
        /// The declared length.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// The connection ended inside a frame.
    Truncated,
    /// The frame's structure or header is invalid.
    Malformed(String),
    /// Another I/O error.
    Io(io::Error),
}

impl std::fmt::Display for FrameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FrameError::Closed => f.write_str("connection closed"),
            FrameError::Oversized { len, limit } => write!(f, "frame of {len} bytes is over the limit of {limit}"),
            FrameError::Truncated => f.write_str("connection closed in the middle of a frame"),
            FrameError::Malformed(why) => write!(f, "malformed frame: {why}"),
            FrameError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for FrameError {}

impl Frame {
    /// A frame with `header` encoded as JSON.
    pub fn new<H: Serialize>(header: &H, payload: Arc<Vec<u8>>) -> Frame {
        // Serialising our own header types cannot fail.
        let header = serde_json::to_vec(header).expect("headers serialise");
        Frame { header, payload }
    }

    /// A frame without payload.
    pub fn header_only<H: Serialize>(header: &H) -> Frame {
        Frame::new(header, Arc::new(Vec::new()))
    }

    /// Decodes the header.
    pub fn decode<H: DeserializeOwned>(&self) -> Result<H, FrameError> {
        serde_json::from_slice(&self.header).map_err(|e| FrameError::Malformed(format!("bad header: {e}")))
    }
}

/// Reads one frame of at most `limit` bytes.
pub async fn read_frame<R: AsyncRead + Unpin>(r: &mut R, limit: usize) -> Result<Frame, FrameError> {
    read_frame_timed(r, limit, None).await
}

/// Reads one frame of at most `limit` bytes; once its first byte has
/// arrived, the rest must arrive within `frame_timeout` (a peer cannot hold
/// a half-sent frame open).
pub async fn read_frame_timed<R: AsyncRead + Unpin>(
    r: &mut R,
    limit: usize,
    frame_timeout: Option<std::time::Duration>,
) -> Result<Frame, FrameError> {
    let mut len = [0u8; 4];
    // Distinguish a clean close between frames from one inside a frame.
    let first = match r.read(&mut len[..1]).await {
        Ok(n) => n,
        // TLS peers that close without close_notify, between frames.
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => 0,
        Err(e) => return Err(FrameError::Io(e)),
    };
    if first == 0 {
        return Err(FrameError::Closed);
    }
    match frame_timeout {
        Some(t) => tokio::time::timeout(t, read_rest(r, len, limit))
            .await
            .map_err(|_| FrameError::Malformed("the rest of the frame did not arrive in time".into()))?,
        None => read_rest(r, len, limit).await,
    }
}

async fn read_rest<R: AsyncRead + Unpin>(r: &mut R, mut len: [u8; 4], limit: usize) -> Result<Frame, FrameError> {
    read_exact(r, &mut len[1..]).await?;
    let len = u32::from_be_bytes(len) as usize;
    if len > limit {
        return Err(FrameError::Oversized { len, limit });
    }
    if len < 4 {
        return Err(FrameError::Malformed("shorter than its header length".into()));
    }
    let mut body = vec![0u8; len];
    read_exact(r, &mut body).await?;
    let hlen = u32::from_be_bytes([body[0], body[1], body[2], body[3]]) as usize;
    if hlen > len - 4 {
        return Err(FrameError::Malformed("header length past the end of the frame".into()));
    }
    let payload = body.split_off(4 + hlen);
    body.drain(..4);
    Ok(Frame {
        header: body,
        payload: Arc::new(payload),
    })
}

async fn read_exact<R: AsyncRead + Unpin>(r: &mut R, buf: &mut [u8]) -> Result<(), FrameError> {
    match r.read_exact(buf).await {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Err(FrameError::Truncated),
        Err(e) => Err(FrameError::Io(e)),
    }
}

/// Writes one frame.
pub async fn write_frame<W: AsyncWrite + Unpin>(w: &mut W, frame: &Frame) -> io::Result<()> {
    let total = 4 + frame.header.len() + frame.payload.len();
    let total = u32::try_from(total).map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "frame too large"))?;
    let mut head = Vec::with_capacity(8 + frame.header.len());
    head.extend_from_slice(&total.to_be_bytes());
    head.extend_from_slice(&(frame.header.len() as u32).to_be_bytes());
    head.extend_from_slice(&frame.header);
    w.write_all(&head).await?;
    w.write_all(&frame.payload).await?;
    w.flush().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn round_trip_and_limits() {
        let frame = Frame::new(&serde_json::json!({"type": "x"}), Arc::new(vec![1, 2, 3]));
        let mut buf = Vec::new();
        write_frame(&mut buf, &frame).await.unwrap();
        let back = read_frame(&mut &buf[..], 1000).await.unwrap();
        assert_eq!(back.header, frame.header);
        assert_eq!(*back.payload, vec![1, 2, 3]);
        assert!(matches!(
            read_frame(&mut &buf[..], 10).await,
            Err(FrameError::Oversized { .. })
        ));
        assert!(matches!(
            read_frame(&mut &buf[..buf.len() - 1], 1000).await,
            Err(FrameError::Truncated)
        ));
        assert!(matches!(
            read_frame(&mut &buf[..0], 1000).await,
            Err(FrameError::Closed)
        ));
        let bad = [0, 0, 0, 5, 0, 0, 0, 9, 0];
        assert!(matches!(
            read_frame(&mut &bad[..], 1000).await,
            Err(FrameError::Malformed(_))
        ));
    }
}
