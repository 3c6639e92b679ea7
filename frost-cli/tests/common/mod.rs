//! What the tests of the `frost` binary share: scratch directories, child
//! processes killed on drop with bounded waits, a relay on a free loopback
//! port, and a DKG run by every participant at once.

#![allow(dead_code)] // Each test file uses a subset.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_frost");
pub const WAIT: Duration = Duration::from_secs(120);
pub const PASSPHRASE: &str = "correct horse battery staple";

/// A scratch directory, removed on drop.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("frost-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn frost() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env("FROST_PASSPHRASE", PASSPHRASE)
        .env("FROST_TEST_ARGON2", "fast")
        .env_remove("FROST_TEST_CRASH_AT")
        .stdin(Stdio::null());
    cmd
}

/// A child process killed on drop; its output goes to files.
pub struct Proc {
    pub child: Child,
    out: PathBuf,
    err: PathBuf,
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What a finished process printed.
pub struct Output {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    pub fn code(&self) -> i32 {
        self.status.code().unwrap_or(-1)
    }
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {:?}\n--- stdout\n{}--- stderr\n{}",
            self.status.code(),
            self.stdout,
            self.stderr
        )
    }
}

impl Proc {
    pub fn spawn(mut cmd: Command, dir: &Path, name: &str) -> Proc {
        let out = dir.join(format!("{name}.stdout"));
        let err = dir.join(format!("{name}.stderr"));
        let child = cmd
            .stdout(std::fs::File::create(&out).unwrap())
            .stderr(std::fs::File::create(&err).unwrap())
            .spawn()
            .unwrap();
        Proc { child, out, err }
    }

    pub fn stderr_now(&self) -> String {
        std::fs::read_to_string(&self.err).unwrap_or_default()
    }

    /// Waits (bounded) for the exit.
    pub fn wait(mut self) -> Output {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Output {
                    status,
                    stdout: std::fs::read_to_string(&self.out).unwrap_or_default(),
                    stderr: std::fs::read_to_string(&self.err).unwrap_or_default(),
                };
            }
            assert!(
                Instant::now() < deadline,
                "a child did not finish in time:\n{}",
                self.stderr_now()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits (bounded) until its standard error contains `needle`.
    pub fn wait_for_stderr(&self, needle: &str) {
        let deadline = Instant::now() + WAIT;
        while !self.stderr_now().contains(needle) {
            assert!(
                Instant::now() < deadline,
                "no {needle:?} in time:\n{}",
                self.stderr_now()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

pub fn run(cmd: Command, dir: &Path, name: &str) -> Output {
    Proc::spawn(cmd, dir, name).wait()
}

/// A relay on a free loopback port.
pub struct Relay {
    _child: Proc,
    pub addr: String,
}

pub fn start_relay(scratch: &Scratch, name: &str, extra: &[&str]) -> Relay {
    start_relay_env(scratch, name, extra, &[])
}

/// A relay on a free loopback port, with these environment variables (test hooks).
pub fn start_relay_env(scratch: &Scratch, name: &str, extra: &[&str], env: &[(&str, &str)]) -> Relay {
    let mut cmd = frost();
    cmd.args(["relay", "--listen", "127.0.0.1:0"])
        .args(extra)
        .envs(env.iter().copied());
    let err = scratch.path(&format!("{name}.stderr"));
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let proc = Proc {
        child,
        out: scratch.path("unused"),
        err,
    };
    let line = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the relay printed its address");
    let addr = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line {line:?}"))
        .to_string();
    Relay { _child: proc, addr }
}

/// `frost init` for `count` participants; writes the participants file.
pub fn init_group(scratch: &Scratch, prefix: &str, suite: &str, count: usize) -> (Vec<PathBuf>, PathBuf) {
    let mut dirs = Vec::new();
    let mut keys = String::new();
    for i in 0..count {
        let dir = scratch.path(&format!("{prefix}{i}"));
        let mut cmd = frost();
        cmd.args(["init", "--suite", suite, "--state"]).arg(&dir);
        let out = run(cmd, &scratch.0, &format!("init-{prefix}{i}"));
        assert_eq!(out.code(), 0, "{out:?}");
        let key = out.stdout.trim().to_string();
        assert!(hex::decode(&key).is_ok(), "{out:?}");
        keys.push_str(&key);
        keys.push('\n');
        dirs.push(dir);
    }
    let file = scratch.path(&format!("{prefix}participants.txt"));
    std::fs::write(&file, keys).unwrap();
    (dirs, file)
}

pub fn dkg_cmd(dir: &Path, relay: &str, t: u32, participants: &Path, extra: &[&str]) -> Command {
    let mut cmd = frost();
    cmd.args(["dkg", "--relay", relay, "--threshold", &t.to_string(), "--state"])
        .arg(dir);
    if !extra.contains(&"--timeout") {
        cmd.args(["--timeout", "60"]);
    }
    cmd.arg("--participants").arg(participants).args(extra);
    cmd
}

/// Spawns `frost dkg` in every directory at once; participant `i`'s output
/// files are named `{name}-{its directory's name}`, and `tweak(i, cmd)` may
/// change its command (a test hook, another session label).
#[allow(clippy::too_many_arguments)]
pub fn spawn_dkg(
    scratch: &Scratch,
    dirs: &[PathBuf],
    relay: &str,
    t: u32,
    file: &Path,
    extra: &[&str],
    name: &str,
    tweak: impl Fn(usize, &mut Command),
) -> Vec<Proc> {
    dirs.iter()
        .enumerate()
        .map(|(i, dir)| {
            let mut cmd = dkg_cmd(dir, relay, t, file, extra);
            tweak(i, &mut cmd);
            let name = format!("{name}-{}", dir.file_name().unwrap().to_string_lossy());
            Proc::spawn(cmd, &scratch.0, &name)
        })
        .collect()
}

/// Waits (bounded) for every process; the outputs in order.
pub fn wait_all(procs: Vec<Proc>) -> Vec<Output> {
    procs.into_iter().map(Proc::wait).collect()
}

/// Runs a DKG with every directory at once; returns the outputs in order.
pub fn run_dkg(scratch: &Scratch, dirs: &[PathBuf], relay: &str, t: u32, file: &Path, extra: &[&str]) -> Vec<Output> {
    wait_all(spawn_dkg(scratch, dirs, relay, t, file, extra, "dkg", |_, _| {}))
}

pub fn group_key(out: &Output) -> String {
    let line = out
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("group key: "))
        .unwrap_or_else(|| panic!("no group key: {out:?}"));
    line.to_string()
}

pub fn assert_same_group(outs: &[Output]) -> String {
    for out in outs {
        assert_eq!(out.code(), 0, "{out:?}");
        assert!(out.stdout.starts_with("params hash: "), "{out:?}");
    }
    let key = group_key(&outs[0]);
    assert!(outs.iter().all(|o| group_key(o) == key));
    key
}

pub fn groups(scratch: &Scratch, dir: &Path) -> Output {
    let mut cmd = frost();
    cmd.args(["groups", "--state"]).arg(dir);
    run(cmd, &scratch.0, "groups")
}

/// `frost verify`'s exit status.
pub fn frost_verify(scratch: &Scratch, suite: &str, key: &str, message: &[u8], signature: &str, tweak: &[&str]) -> i32 {
    let msg = scratch.path("verify.msg");
    std::fs::write(&msg, message).unwrap();
    let mut cmd = frost();
    cmd.args([
        "verify",
        "--suite",
        suite,
        "--group",
        key,
        "--signature",
        signature,
        "--message-file",
    ])
    .arg(&msg)
    .args(tweak);
    run(cmd, &scratch.0, "verify").code()
}
