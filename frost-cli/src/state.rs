//! A participant's state directory: the host key and the groups it holds,
//! secrets encrypted at rest.
//!
//! Layout of `DIR`:
//! - `host.json`: the suite, the host public key, and the host secret key
//!   [sealed](Sealed) with the passphrase;
//! - `sessions/SESSION.json`: a DKG session between step 2 and its end
//!   (what a rerun needs to finish it: public, but for COCKTAIL-DKG's
//!   encrypted share bundle, sealed);
//! - `groups/GROUPKEY.json`: a group: its public key package, the recovery
//!   data, and this participant's key package sealed (absent for a group
//!   imported with `frost import-group`).
//!
//! Secrets are sealed with XChaCha20-Poly1305 under a key derived from the
//! passphrase with Argon2id; the Argon2 parameters and salt are in each
//! sealed value, the file's public fields are the AEAD's associated data.
//!
//! Every write is atomic: a temporary file in the same directory, written,
//! fsynced, renamed over the target (mode 0600), then the directory fsynced.
//! A crash leaves the old file or the new one. For tests, the environment
//! variable `FROST_TEST_CRASH_AT=KIND:POINT` makes the process exit (status
//! 99) at that point of the write of that kind of file, where KIND is
//! `host`, `session` or `group` and POINT is `created` (empty temporary
//! file), `written` (data written, not synced), `synced` (not renamed) or
//! `renamed` (directory not synced).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::XChaCha20Poly1305;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::dkg::Protocol;
use crate::suite::Suite;

/// The environment variable that names the crash point (tests only).
pub const CRASH_ENV: &str = "FROST_TEST_CRASH_AT";

/// The environment variable that, set to `fast`, lowers the Argon2 cost of
/// newly sealed secrets to almost nothing. **Tests only**: a passphrase
/// guessed at that cost falls quickly.
pub const FAST_ARGON2_ENV: &str = "FROST_TEST_ARGON2";

/// The named points of an atomic write.
pub const CRASH_POINTS: [&str; 4] = ["created", "written", "synced", "renamed"];

fn crash_point(kind: &str, point: &str) {
    if let Ok(want) = std::env::var(CRASH_ENV) {
        if want == format!("{kind}:{point}") {
            eprintln!("frost: test crash at {kind}:{point}");
            std::process::exit(99);
        }
    }
}

/// Writes `bytes` to `path` atomically with mode 0600; `kind` names the
/// file for the crash hook.
pub fn write_atomic(path: &Path, bytes: &[u8], kind: &str) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let result = (|| {
        let mut f = opts.open(&tmp)?;
        crash_point(kind, "created");
        f.write_all(bytes)?;
        crash_point(kind, "written");
        f.sync_all()?;
        crash_point(kind, "synced");
        fs::rename(&tmp, path)?;
        crash_point(kind, "renamed");
        // Make the rename itself durable.
        fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Argon2id parameters of a sealed value.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_cost: u32,
    /// Iterations.
    pub t_cost: u32,
    /// Parallelism.
    pub p_cost: u32,
}

impl KdfParams {
    /// The parameters for new secrets: OWASP's recommended Argon2id
    /// (64 MiB, 3 passes), or the test-only minimum under
    /// `FROST_TEST_ARGON2=fast`.
    pub fn for_new_secrets() -> KdfParams {
        if std::env::var(FAST_ARGON2_ENV).as_deref() == Ok("fast") {
            KdfParams {
                m_cost: 8,
                t_cost: 1,
                p_cost: 1,
            }
        } else {
            KdfParams {
                m_cost: 64 * 1024,
                t_cost: 3,
                p_cost: 1,
            }
        }
    }
}

/// A secret encrypted with a passphrase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    /// Always `argon2id`.
    pub kdf: String,
    /// The Argon2id parameters.
    pub params: KdfParams,
    /// The salt (hex, 16 bytes).
    pub salt: String,
    /// Always `xchacha20poly1305`.
    pub aead: String,
    /// The nonce (hex, 24 bytes).
    pub nonce: String,
    /// The ciphertext with its tag (hex).
    pub ciphertext: String,
}

/// Why state could not be read or written.
#[derive(Debug)]
pub enum StateError {
    /// The passphrase does not open the file.
    WrongPassphrase(PathBuf),
    /// A file is missing.
    Missing(PathBuf),
    /// A file is not what it should be.
    Corrupt(PathBuf, String),
    /// An I/O error.
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for StateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StateError::WrongPassphrase(p) => write!(f, "wrong passphrase for {}", p.display()),
            StateError::Missing(p) => write!(f, "{} does not exist", p.display()),
            StateError::Corrupt(p, why) => write!(f, "{} is corrupt: {why}", p.display()),
            StateError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for StateError {}

/// The passphrase, and the keys derived from it (one Argon2 run per salt).
pub struct Keyring {
    passphrase: Zeroizing<Vec<u8>>,
    derived: Vec<(KdfParams, Vec<u8>, Zeroizing<[u8; 32]>)>,
}

impl Keyring {
    /// A keyring for `passphrase`.
    pub fn new(passphrase: Zeroizing<Vec<u8>>) -> Keyring {
        Keyring {
            passphrase,
            derived: Vec::new(),
        }
    }

    fn key(&mut self, params: KdfParams, salt: &[u8]) -> Result<Zeroizing<[u8; 32]>, String> {
        if let Some((_, _, k)) = self.derived.iter().find(|(p, s, _)| *p == params && s == salt) {
            return Ok(k.clone());
        }
        let argon_params =
            Params::new(params.m_cost, params.t_cost, params.p_cost, Some(32)).map_err(|e| e.to_string())?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params);
        let mut key = Zeroizing::new([0u8; 32]);
        argon
            .hash_password_into(&self.passphrase, salt, &mut key[..])
            .map_err(|e| e.to_string())?;
        self.derived.push((params, salt.to_vec(), key.clone()));
        Ok(key)
    }

    /// Seals `plaintext` bound to `aad`. Reuses the salt (and so the
    /// derived key) of `like` if given, so that one Argon2 run serves a
    /// whole directory; the nonce is always fresh.
    pub fn seal(&mut self, plaintext: &[u8], aad: &[u8], like: Option<&Sealed>) -> Result<Sealed, String> {
        let (params, salt) = match like.and_then(|s| Some((s.params, hex::decode(&s.salt).ok()?))) {
            Some(p) => p,
            None => (KdfParams::for_new_secrets(), rand::random::<[u8; 16]>().to_vec()),
        };
        let key = self.key(params, &salt)?;
        let nonce = rand::random::<[u8; 24]>();
        let cipher = XChaCha20Poly1305::new(&(*key).into());
        let ciphertext = cipher
            .encrypt(&nonce.into(), Payload { msg: plaintext, aad })
            .map_err(|_| "encryption failed".to_string())?;
        Ok(Sealed {
            kdf: "argon2id".into(),
            params,
            salt: hex::encode(salt),
            aead: "xchacha20poly1305".into(),
            nonce: hex::encode(nonce),
            ciphertext: hex::encode(ciphertext),
        })
    }

    /// Opens a sealed value; `Err(None)` for a wrong passphrase (or
    /// altered data), `Err(Some(why))` for a malformed one.
    pub fn open(&mut self, sealed: &Sealed, aad: &[u8]) -> Result<Zeroizing<Vec<u8>>, Option<String>> {
        if sealed.kdf != "argon2id" || sealed.aead != "xchacha20poly1305" {
            return Err(Some(format!("unknown scheme {}/{}", sealed.kdf, sealed.aead)));
        }
        let salt = hex::decode(&sealed.salt).map_err(|_| Some("salt is not hex".to_string()))?;
        let nonce: [u8; 24] = hex::decode(&sealed.nonce)
            .ok()
            .and_then(|n| n.try_into().ok())
            .ok_or_else(|| Some("nonce is not 24 bytes of hex".to_string()))?;
        let ct = hex::decode(&sealed.ciphertext).map_err(|_| Some("ciphertext is not hex".to_string()))?;
        let key = self.key(sealed.params, &salt).map_err(Some)?;
        let cipher = XChaCha20Poly1305::new(&(*key).into());
        cipher
            .decrypt(&nonce.into(), Payload { msg: &ct, aad })
            .map(Zeroizing::new)
            .map_err(|_| None)
    }
}

/// `host.json`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HostFile {
    /// Format version (1).
    pub version: u32,
    /// The suite.
    pub suite: Suite,
    /// The host public key (hex).
    pub host_public_key: String,
    /// The host secret key, sealed.
    pub host_secret_key: Sealed,
}

/// `sessions/SESSION.json`: a session past step 2.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PendingSession {
    /// Format version (1).
    pub version: u32,
    /// The suite.
    pub suite: Suite,
    /// The protocol.
    pub protocol: Protocol,
    /// The session label.
    pub label: String,
    /// The session id (hex).
    pub session: String,
    /// The params hash (hex).
    pub params_hash: String,
    /// The threshold.
    pub threshold: u32,
    /// The host public keys (hex), in session order.
    pub participants: Vec<String>,
    /// This participant's step-2 message (hex; a signature, public).
    pub step2_message: String,
    /// The envelope signature it was sent with (hex), so that a rerun
    /// sends the exact same envelope, which the relay drops as a duplicate.
    pub step2_signature: String,
    /// COCKTAIL-DKG: this participant's encrypted share bundle, sealed
    /// (recovery needs it with the recovery data); absent for ChillDKG.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_bundle: Option<Sealed>,
}

/// `groups/GROUPKEY.json`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GroupFile {
    /// Format version (1).
    pub version: u32,
    /// The suite.
    pub suite: Suite,
    /// The protocol of the DKG that made it, if known.
    pub protocol: Option<Protocol>,
    /// The session label.
    pub label: Option<String>,
    /// The session id (hex).
    pub session: Option<String>,
    /// The params hash (hex).
    pub params_hash: Option<String>,
    /// The threshold.
    pub threshold: u32,
    /// The host public keys (hex), in session order.
    pub participants: Vec<String>,
    /// The group public key (hex; for Taproot the internal key).
    pub group_key: String,
    /// The encoded public key package (hex).
    pub public_key_package: String,
    /// The session's recovery data (hex).
    pub recovery_data: Option<String>,
    /// This participant's identifier; `None` for an imported group.
    pub identifier: Option<u16>,
    /// This participant's key package, sealed; `None` for an imported group.
    pub key_package: Option<Sealed>,
    /// COCKTAIL-DKG: this participant's encrypted share bundle, sealed, for
    /// `frost recover`; absent for ChillDKG and imported groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_bundle: Option<Sealed>,
}

/// The associated data of a sealed host key.
pub fn host_aad(suite: Suite, public: &str) -> Vec<u8> {
    format!("frost/v1 host key|{suite}|{public}").into_bytes()
}

/// The associated data of a sealed key package.
pub fn key_package_aad(suite: Suite, group_key: &str) -> Vec<u8> {
    format!("frost/v1 key package|{suite}|{group_key}").into_bytes()
}

/// The associated data of a sealed COCKTAIL share bundle (bound to its
/// session, known before the group key is).
pub fn share_bundle_aad(suite: Suite, session: &str) -> Vec<u8> {
    format!("frost/v1 share bundle|{suite}|{session}").into_bytes()
}

/// A state directory.
#[derive(Clone, Debug)]
pub struct StateDir {
    root: PathBuf,
}

impl StateDir {
    /// The directory at `root` (not created).
    pub fn new(root: impl Into<PathBuf>) -> StateDir {
        StateDir { root: root.into() }
    }

    /// The root path.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The path of `host.json`.
    pub fn host_path(&self) -> PathBuf {
        self.root.join("host.json")
    }

    /// The path of a pending session's file.
    pub fn session_path(&self, session_hex: &str) -> PathBuf {
        self.root.join("sessions").join(format!("{session_hex}.json"))
    }

    /// The path of a group's file.
    pub fn group_path(&self, group_key_hex: &str) -> PathBuf {
        self.root.join("groups").join(format!("{group_key_hex}.json"))
    }

    fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, StateError> {
        let bytes = match fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(StateError::Missing(path.to_path_buf())),
            Err(e) => return Err(StateError::Io(path.to_path_buf(), e)),
        };
        serde_json::from_slice(&bytes).map_err(|e| StateError::Corrupt(path.to_path_buf(), e.to_string()))
    }

    fn write_json<T: Serialize>(path: &Path, value: &T, kind: &str) -> Result<(), StateError> {
        let mut bytes = serde_json::to_vec_pretty(value).expect("state serialises");
        bytes.push(b'\n');
        write_atomic(path, &bytes, kind).map_err(|e| StateError::Io(path.to_path_buf(), e))
    }

    /// Whether `host.json` exists.
    pub fn has_host(&self) -> bool {
        self.host_path().exists()
    }

    /// Reads `host.json` (public fields only; nothing is decrypted).
    pub fn read_host(&self) -> Result<HostFile, StateError> {
        Self::read_json(&self.host_path())
    }

    /// Writes `host.json`, creating the directory (mode 0700).
    pub fn write_host(&self, host: &HostFile) -> Result<(), StateError> {
        fs::create_dir_all(&self.root).map_err(|e| StateError::Io(self.root.clone(), e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = fs::set_permissions(&self.root, fs::Permissions::from_mode(0o700));
        }
        Self::write_json(&self.host_path(), host, "host")
    }

    /// Decrypts the host secret key; refuses a key that does not match the
    /// file's public key.
    pub fn open_host(&self, keyring: &mut Keyring) -> Result<(HostFile, Zeroizing<Vec<u8>>), StateError> {
        let path = self.host_path();
        let host = self.read_host()?;
        let secret = keyring
            .open(&host.host_secret_key, &host_aad(host.suite, &host.host_public_key))
            .map_err(|e| match e {
                None => StateError::WrongPassphrase(path.clone()),
                Some(why) => StateError::Corrupt(path.clone(), why),
            })?;
        let public = crate::suite::host_public_key(host.suite, &secret)
            .ok_or_else(|| StateError::Corrupt(path.clone(), "invalid host secret key".into()))?;
        if hex::encode(public) != host.host_public_key {
            return Err(StateError::Corrupt(
                path,
                "the host secret key does not match the public key".into(),
            ));
        }
        Ok((host, secret))
    }

    /// Reads a pending session, if any.
    pub fn read_session(&self, session_hex: &str) -> Result<Option<PendingSession>, StateError> {
        match Self::read_json(&self.session_path(session_hex)) {
            Ok(s) => Ok(Some(s)),
            Err(StateError::Missing(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Writes a pending session.
    pub fn write_session(&self, s: &PendingSession) -> Result<(), StateError> {
        Self::write_json(&self.session_path(&s.session), s, "session")
    }

    /// Every pending session, sorted by session id.
    pub fn sessions(&self) -> Result<Vec<PendingSession>, StateError> {
        let mut out: Vec<PendingSession> = self.list_json("sessions")?;
        out.sort_by(|a, b| a.session.cmp(&b.session));
        Ok(out)
    }

    /// Removes a pending session's file (after its group is stored).
    pub fn remove_session(&self, session_hex: &str) -> Result<(), StateError> {
        let path = self.session_path(session_hex);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(StateError::Io(path, e)),
        }
    }

    /// Writes a group.
    pub fn write_group(&self, g: &GroupFile) -> Result<(), StateError> {
        Self::write_json(&self.group_path(&g.group_key), g, "group")
    }

    /// Reads one group.
    pub fn read_group(&self, group_key_hex: &str) -> Result<GroupFile, StateError> {
        Self::read_json(&self.group_path(group_key_hex))
    }

    /// Every JSON file of a subdirectory, decoded; temporary files are
    /// ignored.
    fn list_json<T: serde::de::DeserializeOwned>(&self, sub: &str) -> Result<Vec<T>, StateError> {
        let dir = self.root.join(sub);
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StateError::Io(dir, e)),
        };
        let mut out = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| StateError::Io(dir.clone(), e))?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || !name.ends_with(".json") {
                continue;
            }
            out.push(Self::read_json::<T>(&entry.path())?);
        }
        Ok(out)
    }

    /// Every group, sorted by group key.
    pub fn groups(&self) -> Result<Vec<GroupFile>, StateError> {
        let mut out: Vec<GroupFile> = self.list_json("groups")?;
        out.sort_by(|a, b| a.group_key.cmp(&b.group_key));
        Ok(out)
    }

    /// The group made by session `session_hex`, if stored.
    pub fn group_of_session(&self, session_hex: &str) -> Result<Option<GroupFile>, StateError> {
        Ok(self
            .groups()?
            .into_iter()
            .find(|g| g.session.as_deref() == Some(session_hex)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_open_and_wrong_passphrase() {
        // SAFETY of the test: the env var only lowers the cost.
        let params = KdfParams {
            m_cost: 8,
            t_cost: 1,
            p_cost: 1,
        };
        let mut ring = Keyring::new(Zeroizing::new(b"right".to_vec()));
        let mut sealed = ring.seal(b"secret", b"aad", None).unwrap();
        assert_eq!(&ring.open(&sealed, b"aad").unwrap()[..], b"secret");
        assert_eq!(ring.open(&sealed, b"other aad"), Err(None));
        let mut wrong = Keyring::new(Zeroizing::new(b"wrong".to_vec()));
        assert_eq!(wrong.open(&sealed, b"aad"), Err(None));
        // Parameters come from the header, whatever the current default.
        sealed = ring
            .seal(
                b"s2",
                b"aad",
                Some(&Sealed {
                    params,
                    ..sealed.clone()
                }),
            )
            .unwrap();
        assert_eq!(sealed.params, params);
        assert_eq!(&ring.open(&sealed, b"aad").unwrap()[..], b"s2");
    }

    #[test]
    fn atomic_write_replaces_and_sets_mode() {
        let dir = std::env::temp_dir().join(format!("frost-state-test-{}", std::process::id()));
        let path = dir.join("f.json");
        write_atomic(&path, b"one", "test").unwrap();
        write_atomic(&path, b"two", "test").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }
}
