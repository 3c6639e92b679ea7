//! A faulty relay, played by the test in process, against the real `frost`
//! binary: messages out of order and an altered aggregate are detected and
//! blamed, never obeyed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use frost_cli::dkg::{Protocol, driver, session_id};
use frost_cli::frame::{Frame, read_frame, write_frame};
use frost_cli::proto::{ClientMsg, RelayMsg};
use frost_cli::suite::Suite;
use tokio::net::{TcpListener, TcpStream};

const T: Duration = Duration::from_secs(30);

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn frost() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_frost"));
    cmd.env("FROST_PASSPHRASE", "pw")
        .env("FROST_TEST_ARGON2", "fast")
        .stdin(Stdio::null());
    cmd
}

/// A child killed on drop.
struct Kill(std::process::Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits (bounded) for the exit; returns the code and standard error.
async fn finish(mut child: Kill) -> (i32, String) {
    let deadline = Instant::now() + T;
    loop {
        if let Some(status) = child.0.try_wait().unwrap() {
            let mut err = String::new();
            use std::io::Read;
            child.0.stderr.take().unwrap().read_to_string(&mut err).unwrap();
            return (status.code().unwrap_or(-1), err);
        }
        assert!(Instant::now() < deadline, "the participant did not finish");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn setup(name: &str, n: usize) -> (Scratch, Vec<PathBuf>, PathBuf, Vec<Vec<u8>>) {
    let dir = std::env::temp_dir().join(format!("frost-cli-faulty-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut dirs = Vec::new();
    let mut keys = Vec::new();
    for i in 0..n {
        let state = dir.join(format!("p{i}"));
        let out = frost()
            .args(["init", "--suite", "secp256k1", "--state"])
            .arg(&state)
            .output()
            .unwrap();
        assert!(out.status.success());
        keys.push(hex::decode(String::from_utf8(out.stdout).unwrap().trim()).unwrap());
        dirs.push(state);
    }
    let file = dir.join("participants.txt");
    std::fs::write(&file, keys.iter().map(|k| hex::encode(k) + "\n").collect::<String>()).unwrap();
    (Scratch(dir), dirs, file, keys)
}

fn spawn_dkg(state: &Path, addr: &str, file: &Path) -> Kill {
    Kill(
        frost()
            .args(["dkg", "--relay", addr, "--threshold", "2", "--timeout", "20", "--state"])
            .arg(state)
            .arg("--participants")
            .arg(file)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    )
}

async fn send(s: &mut TcpStream, msg: &RelayMsg, payload: Vec<u8>) {
    write_frame(s, &Frame::new(msg, Arc::new(payload))).await.unwrap();
}

/// Greets a participant as a relay would; returns its stream, position and
/// step-1 message.
async fn accept(listener: &TcpListener, keys: &[Vec<u8>]) -> (TcpStream, usize, Vec<u8>) {
    let (mut s, _) = listener.accept().await.unwrap();
    send(
        &mut s,
        &RelayMsg::Challenge {
            version: 1,
            nonce: hex::encode([1u8; 32]),
        },
        vec![],
    )
    .await;
    let ClientMsg::Auth { key, .. } = read_frame(&mut s, 1 << 20).await.unwrap().decode().unwrap() else {
        panic!("no auth");
    };
    send(&mut s, &RelayMsg::Welcome, vec![]).await;
    let ClientMsg::Join { label, .. } = read_frame(&mut s, 1 << 20).await.unwrap().decode().unwrap() else {
        panic!("no join");
    };
    let position = keys.iter().position(|k| hex::encode(k) == key).unwrap();
    let d = driver(Suite::Secp256k1, Protocol::Chilldkg).unwrap();
    let hash = d.params_hash(keys, 2).unwrap();
    let sid = session_id(Suite::Secp256k1, Protocol::Chilldkg, &hash, &label);
    send(
        &mut s,
        &RelayMsg::Joined {
            session: hex::encode(sid),
            position: position as u32,
        },
        vec![],
    )
    .await;
    let frame = read_frame(&mut s, 1 << 20).await.unwrap();
    let ClientMsg::Dkg { .. } = frame.decode().unwrap() else {
        panic!("no step-1 message");
    };
    (s, position, frame.payload.to_vec())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_before_the_aggregate_is_refused() {
    let (_scratch, dirs, file, keys) = setup("order", 2);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let child = spawn_dkg(&dirs[0], &addr, &file);
    let (mut s, _, _) = tokio::time::timeout(T, accept(&listener, &keys)).await.unwrap();
    send(&mut s, &RelayMsg::Cmsg2, vec![0; 128]).await;
    let (code, err) = finish(child).await;
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("the relay sent the certificate out of order in step 1"),
        "{err}"
    );
    assert!(!dirs[0].join("groups").exists() && !dirs[0].join("sessions").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_altered_aggregate_is_blamed_on_the_relay_or_its_victim() {
    let (_scratch, dirs, file, keys) = setup("alter", 2);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let children = [spawn_dkg(&dirs[0], &addr, &file), spawn_dkg(&dirs[1], &addr, &file)];
    let mut conns = Vec::new();
    for _ in 0..2 {
        conns.push(tokio::time::timeout(T, accept(&listener, &keys)).await.unwrap());
    }
    conns.sort_by_key(|c| c.1);
    let d = driver(Suite::Secp256k1, Protocol::Chilldkg).unwrap();
    let pmsgs1: Vec<Vec<u8>> = conns.iter().map(|c| c.2.clone()).collect();
    let cmsg1 = d
        .coordinator(&keys, 2, &[0; 32])
        .unwrap()
        .step1(&pmsgs1)
        .unwrap()
        .get(0)
        .unwrap()
        .to_vec();
    // Participant 1 gets an altered aggregate (a byte of participant 2's
    // proof of possession, after the n commitments to secrets and the t - 1
    // summed commitments), participant 2 the true one.
    let mut altered = cmsg1.clone();
    altered[33 * 2 + 33 + 64 + 40] ^= 1;
    send(&mut conns[0].0, &RelayMsg::Cmsg1, altered).await;
    send(&mut conns[1].0, &RelayMsg::Cmsg1, cmsg1).await;
    let [first, second] = children;
    let (code, err) = finish(first).await;
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("participant 2 (") && err.contains("or the relay altered it"),
        "{err}"
    );
    assert!(!dirs[0].join("groups").exists());
    // The honest one never gets a certificate: the relay closes, it fails.
    drop(conns);
    let (code, err) = finish(second).await;
    assert_eq!(code, 1, "{err}");
    assert!(!dirs[1].join("groups").exists());
}
