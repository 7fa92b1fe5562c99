//! Files sent from the window as the raw request body, their name in the `x-file-name` header
//! (percent-encoded, as headers carry ASCII only) and any other details in headers too.

use tauri::ipc::{InvokeBody, Request};
use zhibu::{Error, Reason};

use crate::error::{CmdResult, IpcError};

/// A header's value; refused as missing when absent or empty.
pub fn header<'a>(request: &'a Request<'_>, name: &'static str) -> CmdResult<&'a str> {
    request
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| Error::validation(name, Reason::Required).into())
}

/// The file's name and bytes; `field` names the file in the refusal when no body came.
pub fn file_in<'a>(request: &'a Request<'_>, field: &'static str) -> CmdResult<(String, &'a [u8])> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(Error::validation(field, Reason::Required).into());
    };
    let name = percent_decode(header(request, "x-file-name")?)
        .ok_or_else(|| IpcError::from(Error::validation("file_name", Reason::InvalidValue)))?;
    Ok((name, bytes))
}

/// Decodes `encodeURIComponent` output; `None` for malformed escapes or invalid UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let mut out = Vec::with_capacity(s.len());
    let mut bytes = s.bytes();
    while let Some(b) = bytes.next() {
        if b == b'%' {
            let hi = (bytes.next()? as char).to_digit(16)?;
            let lo = (bytes.next()? as char).to_digit(16)?;
            out.push((hi * 16 + lo) as u8);
        } else {
            out.push(b);
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn file_names_arrive_percent_encoded() {
        assert_eq!(
            percent_decode("%E7%AD%BE%E5%88%B0%E8%A1%A8.pdf").as_deref(),
            Some("签到表.pdf")
        );
        assert_eq!(percent_decode("a%2"), None);
        assert_eq!(percent_decode("%FF"), None);
    }
}
