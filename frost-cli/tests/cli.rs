//! The `frost` binary run as separate processes on loopback: DKGs between
//! processes, faults, crashes at every named write point, TLS.
//!
//! Every child is killed when its guard drops, and every wait is bounded.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::*;

#[test]
fn dkg_3_of_5_on_every_suite_with_a_standalone_dkg() {
    let scratch = Scratch::new("3of5");
    let relay = start_relay(&scratch, "relay", &[]);
    for suite in ["secp256k1", "secp256k1-tr"] {
        let (dirs, file) = init_group(&scratch, suite, suite, 5);
        let outs = run_dkg(&scratch, &dirs, &relay.addr, 3, &file, &["--session", "first"]);
        let key = assert_same_group(&outs);
        // The params hash comes before anything else, and all agree on it.
        let hash = outs[0].stdout.lines().next().unwrap().to_string();
        assert!(outs.iter().all(|o| o.stdout.lines().next() == Some(hash.as_str())));
        for (i, dir) in dirs.iter().enumerate() {
            let g = groups(&scratch, dir);
            assert_eq!(g.code(), 0, "{g:?}");
            assert!(g.stdout.contains(&key), "{g:?}");
            assert!(g.stdout.contains(&format!("3-of-5 participant {}", i + 1)), "{g:?}");
        }
        // A second run with the same label is already done.
        let again = run(
            dkg_cmd(&dirs[0], &relay.addr, 3, &file, &["--session", "first"]),
            &scratch.0,
            "again",
        );
        assert_eq!(group_key(&again), key, "{again:?}");
        // Export to a non-member, who then lists the group.
        let export = scratch.path(&format!("{suite}-export.json"));
        let mut cmd = frost();
        cmd.args(["export-group", "--group", &key[..16], "--state"])
            .arg(&dirs[0])
            .arg("--out")
            .arg(&export);
        assert_eq!(run(cmd, &scratch.0, "export").code(), 0);
        let outsider = scratch.path(&format!("{suite}-outsider"));
        let mut cmd = frost();
        cmd.args(["import-group", "--state"])
            .arg(&outsider)
            .arg("--file")
            .arg(&export);
        let out = run(cmd, &scratch.0, "import");
        assert_eq!(out.code(), 0, "{out:?}");
        let g = groups(&scratch, &outsider);
        assert!(g.stdout.contains(&key) && g.stdout.contains("not a member"), "{g:?}");
        // JSON output.
        let mut cmd = frost();
        cmd.args(["groups", "--json", "--state"]).arg(&dirs[1]);
        let out = run(cmd, &scratch.0, "groups-json");
        let v: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
        assert_eq!(v["groups"][0]["group_key"], key.as_str());
        assert_eq!(v["groups"][0]["identifier"], 2);
    }
}

#[test]
fn dkg_20_of_30() {
    let scratch = Scratch::new("20of30");
    let relay = start_relay(&scratch, "relay", &[]);
    let (dirs, file) = init_group(&scratch, "p", "secp256k1", 30);
    let outs = run_dkg(&scratch, &dirs, &relay.addr, 20, &file, &[]);
    assert_same_group(&outs);
}

#[test]
fn two_dkgs_at_once_on_one_relay() {
    let scratch = Scratch::new("two");
    let relay = start_relay(&scratch, "relay", &[]);
    let (a, file_a) = init_group(&scratch, "a", "secp256k1", 3);
    let (b, file_b) = init_group(&scratch, "b", "secp256k1-tr", 3);
    // Group a runs two sessions at once (several connections per key),
    // while group b runs its own.
    let x = spawn_dkg(
        &scratch,
        &a,
        &relay.addr,
        2,
        &file_a,
        &["--session", "x"],
        "x",
        |_, _| {},
    );
    let y = spawn_dkg(
        &scratch,
        &a,
        &relay.addr,
        2,
        &file_a,
        &["--session", "y"],
        "y",
        |_, _| {},
    );
    let b = spawn_dkg(&scratch, &b, &relay.addr, 2, &file_b, &[], "b", |_, _| {});
    let x: Vec<_> = wait_all(x).iter().map(group_key).collect();
    let y: Vec<_> = wait_all(y).iter().map(group_key).collect();
    let bk = assert_same_group(&wait_all(b));
    assert!(x.iter().all(|k| *k == x[0]) && y.iter().all(|k| *k == y[0]));
    assert!(x[0] != y[0] && x[0] != bk && y[0] != bk);
    let g = groups(&scratch, &a[0]);
    assert_eq!(g.stdout.lines().count(), 2, "{g:?}");
}

#[test]
fn a_killed_participant_is_named() {
    let scratch = Scratch::new("killed");
    let relay = start_relay(&scratch, "relay", &[]);
    let (dirs, file) = init_group(&scratch, "p", "secp256k1", 5);
    let procs = spawn_dkg(&scratch, &dirs[..4], &relay.addr, 3, &file, &[], "p", |_, _| {});
    // Once all four sent their step-1 message, kill participant 4 (SIGKILL).
    procs[0].wait_for_stderr("4 of 5 messages");
    let mut procs = procs.into_iter();
    let (first, second, third, mut fourth) = (
        procs.next().unwrap(),
        procs.next().unwrap(),
        procs.next().unwrap(),
        procs.next().unwrap(),
    );
    fourth.child.kill().unwrap();
    let _ = fourth.child.wait();
    for p in [first, second, third] {
        let out = p.wait();
        assert_eq!(out.code(), 1, "{out:?}");
        assert!(
            out.stderr.contains("participant 4 disconnected during step 1"),
            "{out:?}"
        );
    }
    // Nothing was stored.
    assert!(!dirs[0].join("groups").exists() && !dirs[0].join("sessions").exists());
}

#[test]
fn a_participant_that_never_comes_is_named_on_timeout() {
    let scratch = Scratch::new("timeout");
    let relay = start_relay(&scratch, "relay", &[]);
    let (dirs, file) = init_group(&scratch, "p", "secp256k1", 3);
    let outs = run_dkg(&scratch, &dirs[..2], &relay.addr, 2, &file, &["--timeout", "3"]);
    // The first to time out names participant 3; the other times out too,
    // or learns that the first left.
    let timeout = "timed out after 3 s waiting for the step-1 messages of participant 3";
    assert!(outs.iter().any(|o| o.stderr.contains(timeout)), "{outs:?}");
    for out in outs {
        assert_eq!(out.code(), 1, "{out:?}");
        assert!(
            out.stderr.contains(timeout) || out.stderr.contains("disconnected during step 1"),
            "{out:?}"
        );
    }
}

#[test]
fn a_mismatching_params_hash_is_refused_before_anything_is_sent() {
    let scratch = Scratch::new("hash");
    let (dirs, file) = init_group(&scratch, "p", "secp256k1", 3);
    // A listener that records whether anybody connects.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let wrong = "00".repeat(32);
    let out = run(
        dkg_cmd(&dirs[0], &addr, 2, &file, &["--expect-params-hash", &wrong]),
        &scratch.0,
        "dkg",
    );
    assert_eq!(out.code(), 1, "{out:?}");
    assert!(out.stdout.starts_with("params hash: "), "{out:?}");
    assert!(
        out.stderr.contains("not the expected") && out.stderr.contains("nothing was sent"),
        "{out:?}"
    );
    assert!(listener.accept().is_err(), "the relay address was contacted");
    // The right hash (in the grouped form people read aloud) passes the check.
    let hash = out
        .stdout
        .lines()
        .next()
        .unwrap()
        .strip_prefix("params hash: ")
        .unwrap()
        .to_string();
    let grouped: String = hash
        .as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).unwrap().to_uppercase())
        .collect::<Vec<_>>()
        .join(" ");
    let out = run(
        dkg_cmd(
            &dirs[0],
            &addr,
            2,
            &file,
            &["--expect-params-hash", &grouped, "--timeout", "2"],
        ),
        &scratch.0,
        "dkg2",
    );
    assert!(!out.stderr.contains("not the expected"), "{out:?}");
}

#[test]
fn crash_at_every_write_point_then_rerun_finishes() {
    let scratch = Scratch::new("crash");
    let relay = start_relay(&scratch, "relay", &[]);
    for point in ["created", "written", "synced", "renamed"] {
        // The host key write: the directory loads afterwards.
        let dirs: Vec<PathBuf> = (0..3).map(|i| scratch.path(&format!("host-{point}-{i}"))).collect();
        let mut cmd = frost();
        cmd.env("FROST_TEST_CRASH_AT", format!("host:{point}"))
            .args(["init", "--suite", "secp256k1", "--state"])
            .arg(&dirs[0]);
        let out = run(cmd, &scratch.0, "crash-init");
        assert_eq!(out.code(), 99, "{out:?}");
        let mut keys = String::new();
        for dir in &dirs {
            let mut cmd = frost();
            cmd.args(["init", "--suite", "secp256k1", "--state"]).arg(dir);
            let out = run(cmd, &scratch.0, "init");
            if point == "renamed" && dir == &dirs[0] {
                // The key was stored before the crash.
                assert_eq!(out.code(), 2, "{out:?}");
                let host: serde_json::Value =
                    serde_json::from_slice(&std::fs::read(dir.join("host.json")).unwrap()).unwrap();
                keys.push_str(host["host_public_key"].as_str().unwrap());
            } else {
                assert_eq!(out.code(), 0, "{out:?}");
                keys.push_str(out.stdout.trim());
            }
            keys.push('\n');
        }
        let file = scratch.path(&format!("host-{point}.txt"));
        std::fs::write(&file, keys).unwrap();
        assert_same_group(&run_dkg(&scratch, &dirs, &relay.addr, 2, &file, &[]));

        // The session write (before step 2 is sent).
        let (dirs, file) = init_group(&scratch, &format!("session-{point}-"), "secp256k1", 3);
        let mut crashing = dkg_cmd(&dirs[0], &relay.addr, 2, &file, &[]);
        crashing.env("FROST_TEST_CRASH_AT", format!("session:{point}"));
        let crashed = Proc::spawn(crashing, &scratch.0, "crashing");
        let others = spawn_dkg(&scratch, &dirs[1..], &relay.addr, 2, &file, &[], "o", |_, _| {});
        let out = crashed.wait();
        assert_eq!(out.code(), 99, "{out:?}");
        for p in others {
            let out = p.wait();
            assert_eq!(out.code(), 1, "{out:?}");
            assert!(
                out.stderr
                    .contains("participant 1 disconnected before sending its step-2 message"),
                "{out:?}"
            );
        }
        assert_eq!(groups(&scratch, &dirs[0]).code(), 0);
        if point == "renamed" {
            // The step-2 message was stored: rerunning everyone finishes the
            // same session.
            assert_same_group(&run_dkg(&scratch, &dirs, &relay.addr, 2, &file, &[]));
        } else {
            // The others, past step 2, list the session as unfinished.
            let g = groups(&scratch, &dirs[1]);
            assert!(g.stdout.contains("unfinished session"), "{g:?}");
            // Nothing was stored: the session cannot finish, a new one does.
            let out = run(dkg_cmd(&dirs[0], &relay.addr, 2, &file, &[]), &scratch.0, "rerun");
            assert_eq!(out.code(), 1, "{out:?}");
            assert!(out.stderr.contains("start a new session"), "{out:?}");
            assert_same_group(&run_dkg(
                &scratch,
                &dirs,
                &relay.addr,
                2,
                &file,
                &["--session", "retry"],
            ));
        }

        // The group write (after the certificate arrived).
        let (dirs, file) = init_group(&scratch, &format!("group-{point}-"), "secp256k1", 3);
        let mut crashing = dkg_cmd(&dirs[0], &relay.addr, 2, &file, &[]);
        crashing.env("FROST_TEST_CRASH_AT", format!("group:{point}"));
        let crashed = Proc::spawn(crashing, &scratch.0, "crashing");
        let others = spawn_dkg(&scratch, &dirs[1..], &relay.addr, 2, &file, &[], "o", |_, _| {});
        let out = crashed.wait();
        assert_eq!(out.code(), 99, "{out:?}");
        let key = assert_same_group(&wait_all(others));
        assert_eq!(groups(&scratch, &dirs[0]).code(), 0);
        let out = run(dkg_cmd(&dirs[0], &relay.addr, 2, &file, &[]), &scratch.0, "rerun");
        assert_eq!(out.code(), 0, "{out:?}");
        assert_eq!(group_key(&out), key);
        assert!(
            !dirs[0].join("sessions").read_dir().unwrap().any(|_| true),
            "session file left"
        );
    }
}

#[test]
fn recovery_from_recovery_data() {
    let scratch = Scratch::new("recover");
    let relay = start_relay(&scratch, "relay", &[]);
    let (dirs, file) = init_group(&scratch, "p", "secp256k1-tr", 3);
    let key = assert_same_group(&run_dkg(&scratch, &dirs, &relay.addr, 2, &file, &[]));
    let export = scratch.path("export.json");
    let mut cmd = frost();
    cmd.args(["export-group", "--group", &key, "--state"])
        .arg(&dirs[0])
        .arg("--out")
        .arg(&export);
    assert_eq!(run(cmd, &scratch.0, "export").code(), 0);
    // Participant 2 lost everything but a backup of its host key.
    let fresh = scratch.path("fresh");
    std::fs::create_dir_all(&fresh).unwrap();
    std::fs::copy(dirs[1].join("host.json"), fresh.join("host.json")).unwrap();
    let mut cmd = frost();
    cmd.args(["recover", "--state"])
        .arg(&fresh)
        .arg("--recovery-data")
        .arg(&export);
    let out = run(cmd, &scratch.0, "recover");
    assert_eq!(out.code(), 0, "{out:?}");
    assert_eq!(group_key(&out), key);
    let g = groups(&scratch, &fresh);
    assert!(g.stdout.contains("participant 2"), "{g:?}");
    let original: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dirs[1].join("groups").join(format!("{key}.json"))).unwrap()).unwrap();
    let recovered: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fresh.join("groups").join(format!("{key}.json"))).unwrap()).unwrap();
    assert_eq!(original["public_key_package"], recovered["public_key_package"]);
    // Altered recovery data is refused.
    let data: serde_json::Value = serde_json::from_slice(&std::fs::read(&export).unwrap()).unwrap();
    let mut hex_data = data["recovery_data"].as_str().unwrap().to_string();
    let last = hex_data.pop().unwrap();
    hex_data.push(if last == '0' { '1' } else { '0' });
    let bad = scratch.path("bad.hex");
    std::fs::write(&bad, hex_data).unwrap();
    let other = scratch.path("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::copy(dirs[2].join("host.json"), other.join("host.json")).unwrap();
    let mut cmd = frost();
    cmd.args(["recover", "--state"])
        .arg(&other)
        .arg("--recovery-data")
        .arg(&bad);
    let out = run(cmd, &scratch.0, "recover-bad");
    assert_eq!(out.code(), 1, "{out:?}");
    assert!(!other.join("groups").exists());
}

#[test]
fn wrong_passphrase_is_refused_and_nothing_overwritten() {
    let scratch = Scratch::new("passphrase");
    let relay = start_relay(&scratch, "relay", &[]);
    let (dirs, file) = init_group(&scratch, "p", "secp256k1", 3);
    let before = std::fs::read(dirs[0].join("host.json")).unwrap();
    let mut cmd = dkg_cmd(&dirs[0], &relay.addr, 2, &file, &[]);
    cmd.env("FROST_PASSPHRASE", "wrong");
    let out = run(cmd, &scratch.0, "dkg");
    assert_eq!(out.code(), 1, "{out:?}");
    assert!(out.stderr.contains("wrong passphrase"), "{out:?}");
    assert_eq!(std::fs::read(dirs[0].join("host.json")).unwrap(), before);
    assert_eq!(std::fs::read_dir(&dirs[0]).unwrap().count(), 1);
    // init refuses to overwrite an existing key.
    let mut cmd = frost();
    cmd.args(["init", "--suite", "secp256k1", "--state"]).arg(&dirs[0]);
    assert_eq!(run(cmd, &scratch.0, "init").code(), 2);
    assert_eq!(std::fs::read(dirs[0].join("host.json")).unwrap(), before);
}

#[test]
fn a_relay_restart_fails_the_session_and_leaves_directories_unchanged() {
    let scratch = Scratch::new("restart");
    let relay = start_relay(&scratch, "relay", &[]);
    let (dirs, file) = init_group(&scratch, "p", "secp256k1", 3);
    let procs = spawn_dkg(&scratch, &dirs[..2], &relay.addr, 2, &file, &[], "p", |_, _| {});
    for p in &procs {
        p.wait_for_stderr("2 of 3 messages");
    }
    drop(relay);
    for p in procs {
        let out = p.wait();
        assert_eq!(out.code(), 1, "{out:?}");
        assert!(out.stderr.contains("lost the connection to the relay"), "{out:?}");
    }
    for d in &dirs {
        assert_eq!(std::fs::read_dir(d).unwrap().count(), 1, "only host.json");
    }
}

#[test]
fn garbage_oversized_and_truncated_frames_close_only_that_connection() {
    let scratch = Scratch::new("frames");
    let relay = start_relay(&scratch, "relay", &[]);
    let (dirs, file) = init_group(&scratch, "p", "secp256k1", 3);
    // Two participants wait in step 1 while bad connections come and go.
    let procs = spawn_dkg(&scratch, &dirs[..2], &relay.addr, 2, &file, &[], "p", |_, _| {});
    let oversized = (64u32 << 20).to_be_bytes();
    let truncated = [0, 0, 0, 100, 0, 0, 0, 10, b'{'];
    let bad_header = {
        let mut f = vec![0, 0, 0, 9, 0, 0, 0, 5];
        f.extend_from_slice(b"hello");
        f
    };
    for bad in [
        &b"GET / HTTP/1.1\r\n\r\n"[..],
        &oversized[..],
        &truncated[..],
        &bad_header[..],
    ] {
        let mut s = std::net::TcpStream::connect(&relay.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(40))).unwrap();
        s.write_all(bad).unwrap();
        if bad.len() == truncated.len() {
            s.shutdown(std::net::Shutdown::Write).unwrap();
        }
        // The relay closes the connection (after its challenge and error).
        let mut rest = Vec::new();
        s.read_to_end(&mut rest).expect("closed by the relay, not timed out");
    }
    // An authenticated client that sends an oversized frame is cut off too.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        use frost_cli::client::{Connection, RelayAddr};
        use frost_cli::suite::{Suite, generate_host_key};
        let (secret, public) = generate_host_key(Suite::Secp256k1);
        let relay = RelayAddr {
            addr: relay.addr.clone(),
            cert: None,
        };
        let mut conn = Connection::open(&relay, Suite::Secp256k1, &secret, &public, Duration::from_secs(10))
            .await
            .unwrap();
        conn.send_raw(&(9u32 << 20).to_be_bytes()).await.unwrap();
        let err = conn.recv_msg(Duration::from_secs(10), "after an oversized frame").await;
        match err {
            Ok((frost_cli::proto::RelayMsg::Error { message }, _)) => assert!(message.contains("over the limit")),
            other => panic!("{:?}", other.map(|m| m.0)),
        }
        assert!(conn.recv_msg(Duration::from_secs(10), "closed").await.is_err());
    });
    // The session carries on.
    let third = Proc::spawn(dkg_cmd(&dirs[2], &relay.addr, 2, &file, &[]), &scratch.0, "p2");
    let mut outs: Vec<Output> = procs.into_iter().map(Proc::wait).collect();
    outs.push(third.wait());
    assert_same_group(&outs);
}

#[test]
fn tls_with_the_pinned_certificate() {
    let scratch = Scratch::new("tls");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let cert = data.join("relay-cert.pem");
    let key = data.join("relay-key.pem");
    let relay = start_relay(
        &scratch,
        "relay",
        &["--tls-cert", cert.to_str().unwrap(), "--tls-key", key.to_str().unwrap()],
    );
    let (dirs, file) = init_group(&scratch, "p", "secp256k1-tr", 3);
    let pin = ["--relay-cert", cert.to_str().unwrap()];
    assert_same_group(&run_dkg(&scratch, &dirs, &relay.addr, 2, &file, &pin));
    // Another certificate is refused, and so is plain TCP to a TLS relay.
    let other = data.join("other-cert.pem");
    let out = run(
        dkg_cmd(
            &dirs[0],
            &relay.addr,
            2,
            &file,
            &["--relay-cert", other.to_str().unwrap(), "--session", "2"],
        ),
        &scratch.0,
        "wrong-pin",
    );
    assert_eq!(out.code(), 1, "{out:?}");
    assert!(out.stderr.contains("not the pinned one"), "{out:?}");
    let out = run(
        dkg_cmd(&dirs[0], &relay.addr, 2, &file, &["--session", "3"]),
        &scratch.0,
        "plain",
    );
    assert_eq!(out.code(), 1, "{out:?}");
    // The relay refuses plain TCP off loopback.
    let mut cmd = frost();
    cmd.args(["relay", "--listen", "0.0.0.0:0"]);
    let out = run(cmd, &scratch.0, "relay-public");
    assert_eq!(out.code(), 2, "{out:?}");
}

#[test]
fn dkg_without_a_standalone_dkg_is_bad_usage() {
    let scratch = Scratch::new("nodkg");
    // ChillDKG exists on secp256k1 only.
    let (dirs, file) = init_group(&scratch, "p", "ed25519", 2);
    let out = run(
        dkg_cmd(&dirs[0], "127.0.0.1:9", 2, &file, &["--protocol", "chilldkg"]),
        &scratch.0,
        "dkg",
    );
    assert_eq!(out.code(), 2, "{out:?}");
    assert!(out.stderr.contains("no chilldkg DKG for ed25519"), "{out:?}");
    let (dirs, file) = init_group(&scratch, "s", "secp256k1", 2);
    // Bad usage: threshold 1, a file with garbage.
    let out = run(dkg_cmd(&dirs[0], "127.0.0.1:9", 1, &file, &[]), &scratch.0, "t1");
    assert_eq!(out.code(), 2, "{out:?}");
    std::fs::write(scratch.path("bad.txt"), "zz\n").unwrap();
    let out = run(
        dkg_cmd(&dirs[0], "127.0.0.1:9", 2, &scratch.path("bad.txt"), &[]),
        &scratch.0,
        "bad",
    );
    assert_eq!(out.code(), 2, "{out:?}");
    assert!(out.stderr.contains("line 1"), "{out:?}");
}

#[test]
fn verify_exit_codes() {
    use frost_core::SigningKey;
    let scratch = Scratch::new("verify");
    let check = |suite: &str, key: &str, sig: &str, extra: &[&str]| {
        frost_verify(&scratch, suite, key, b"pay 1 BTC", sig, extra)
    };
    macro_rules! suite_case {
        ($name:literal, $C:ty) => {{
            let sk = SigningKey::<$C>::new(&mut rand::rng());
            let vk = hex::encode(sk.verifying_key().serialize());
            let sig = sk.sign(&mut rand::rng(), b"pay 1 BTC").serialize();
            let mut bad = sig.clone();
            *bad.last_mut().unwrap() ^= 1;
            assert_eq!(check($name, &vk, &hex::encode(&sig), &[]), 0, $name);
            let other = hex::encode(SigningKey::<$C>::new(&mut rand::rng()).verifying_key().serialize());
            assert_eq!(check($name, &other, &hex::encode(&sig), &[]), 1, $name);
            assert_ne!(check($name, &vk, &hex::encode(&bad), &[]), 0, $name);
            assert_eq!(check($name, "zz", &hex::encode(&sig), &[]), 2, $name);
            (vk, sig)
        }};
    }
    suite_case!("ed25519", frost_ed25519::Ed25519Sha512);
    suite_case!("ed448", frost_ed448::Ed448Shake256);
    suite_case!("p256", frost_p256::P256Sha256);
    suite_case!("ristretto255", frost_ristretto255::Ristretto255Sha512);
    suite_case!("secp256k1", frost_secp256k1::Secp256K1Sha256);
    let (vk, sig) = suite_case!("secp256k1-tr", frost_secp256k1_tr::Secp256K1Sha256TR);
    // Taproot: the x-only key verifies too; a tweak changes the key.
    assert_eq!(check("secp256k1-tr", &vk[2..], &hex::encode(&sig), &[]), 0);
    assert_eq!(
        check("secp256k1-tr", &vk, &hex::encode(&sig), &["--tweak", "keypath"]),
        1
    );
    assert_eq!(
        check("secp256k1-tr", &vk, &hex::encode(&sig), &["--tweak", "key-path"]),
        1
    );
    let root = "5a".repeat(32);
    assert_eq!(
        check(
            "secp256k1-tr",
            &vk,
            &hex::encode(&sig),
            &["--tweak", "merkle-root", &root]
        ),
        1
    );
    assert_eq!(check("secp256k1-tr", &vk, &hex::encode(&sig), &["--tweak", "none"]), 0);
    assert_eq!(check("secp256k1-tr", &vk, &hex::encode(&sig), &["--tweak", "xyz"]), 2);
    assert_eq!(
        check(
            "secp256k1-tr",
            &vk,
            &hex::encode(&sig),
            &["--tweak", "merkle-root", "00"]
        ),
        2
    );
    assert_eq!(check("secp256k1", &vk, &hex::encode(&sig), &["--tweak", "keypath"]), 2);
}

#[test]
fn help_on_every_verb() {
    let scratch = Scratch::new("help");
    for verb in [
        "relay",
        "init",
        "dkg",
        "groups",
        "export-group",
        "import-group",
        "recover",
        "verify",
        "sign",
        "request",
    ] {
        let mut cmd = frost();
        cmd.args([verb, "--help"]);
        let out = run(cmd, &scratch.0, "help");
        assert_eq!(out.code(), 0, "{out:?}");
        assert!(out.stdout.contains("Usage: frost"), "{out:?}");
    }
    let mut cmd = frost();
    cmd.arg("no-such-verb");
    assert_eq!(run(cmd, &scratch.0, "bad").code(), 2);
}

#[test]
fn a_bad_share_is_traced_to_its_sender_by_investigation() {
    let scratch = Scratch::new("badshare");
    let relay = start_relay(&scratch, "relay", &[]);
    let (dirs, file) = init_group(&scratch, "p", "secp256k1", 3);
    let outs = wait_all(spawn_dkg(&scratch, &dirs, &relay.addr, 2, &file, &[], "p", |i, cmd| {
        if i == 2 {
            // Participant 3 sends participant 1 a bad encrypted share.
            cmd.env("FROST_TEST_BAD_SHARE_TO", "1");
        }
    }));
    assert_eq!(outs[0].code(), 1, "{:?}", outs[0]);
    assert!(
        outs[0].stderr.contains("participant 3 (")
            && outs[0].stderr.contains("sent invalid data, or the relay altered it"),
        "{:?}",
        outs[0]
    );
    for out in &outs[1..] {
        assert_eq!(out.code(), 1, "{out:?}");
        assert!(out.stderr.contains("participant 1 gave up: participant 3"), "{out:?}");
    }
}

fn group_json(dir: &Path, key: &str) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("groups").join(format!("{key}.json"))).unwrap()).unwrap()
}

#[test]
fn dkg_3_of_5_on_every_cocktail_suite() {
    let scratch = Scratch::new("cocktail3of5");
    let relay = start_relay(&scratch, "relay", &[]);
    for suite in ["ed25519", "ed448", "p256", "ristretto255"] {
        let (dirs, file) = init_group(&scratch, suite, suite, 5);
        let key = assert_same_group(&run_dkg(&scratch, &dirs, &relay.addr, 3, &file, &[]));
        for (i, dir) in dirs.iter().enumerate() {
            let g = groups(&scratch, dir);
            assert!(g.stdout.contains(&format!("3-of-5 participant {}", i + 1)), "{g:?}");
            let stored = group_json(dir, &key);
            assert_eq!(stored["protocol"], "cocktail", "{suite}");
            // What COCKTAIL recovery needs besides the recovery data, sealed.
            assert!(stored["share_bundle"]["ciphertext"].is_string(), "{suite}");
        }
    }
}

#[test]
fn protocol_cocktail_on_secp256k1() {
    let scratch = Scratch::new("cocktailsecp");
    let relay = start_relay(&scratch, "relay", &[]);
    for suite in ["secp256k1", "secp256k1-tr"] {
        let (dirs, file) = init_group(&scratch, suite, suite, 3);
        let outs = run_dkg(&scratch, &dirs, &relay.addr, 2, &file, &["--protocol", "cocktail"]);
        let cocktail = assert_same_group(&outs);
        assert_eq!(group_json(&dirs[0], &cocktail)["protocol"], "cocktail");
        assert_eq!(
            outs[0].stderr.contains("carries no Taproot tweak"),
            suite == "secp256k1-tr",
            "{:?}",
            outs[0]
        );
        // The same participants and label under ChillDKG: another session
        // (the protocol is in the session id), another key.
        let chill = assert_same_group(&run_dkg(&scratch, &dirs, &relay.addr, 2, &file, &[]));
        assert_ne!(chill, cocktail);
        assert_eq!(group_json(&dirs[0], &chill)["protocol"], "chilldkg");
        // The export names its protocol, so `frost recover` needs no
        // --protocol (the directory holds the share bundle).
        let export = scratch.path(&format!("{suite}-cocktail.json"));
        let mut cmd = frost();
        cmd.args(["export-group", "--group", &cocktail, "--state"])
            .arg(&dirs[1])
            .arg("--out")
            .arg(&export);
        assert_eq!(run(cmd, &scratch.0, "export").code(), 0);
        let mut cmd = frost();
        cmd.args(["recover", "--state"])
            .arg(&dirs[0])
            .arg("--recovery-data")
            .arg(&export);
        let out = run(cmd, &scratch.0, "recover");
        assert_eq!(out.code(), 0, "{out:?}");
        assert_eq!(group_key(&out), cocktail);
    }
}

#[test]
fn cocktail_recovery_and_rerun_after_a_crash() {
    let scratch = Scratch::new("cocktailrecover");
    let relay = start_relay(&scratch, "relay", &[]);
    let (dirs, file) = init_group(&scratch, "p", "ristretto255", 3);
    // Participant 1 crashes after step 2, before storing its group.
    let crash_dkg = |label: &str| {
        let mut crashing = dkg_cmd(&dirs[0], &relay.addr, 2, &file, &["--session", label]);
        crashing.env("FROST_TEST_CRASH_AT", "group:synced");
        let crashed = Proc::spawn(crashing, &scratch.0, &format!("crashing-{label}"));
        let others = spawn_dkg(
            &scratch,
            &dirs[1..],
            &relay.addr,
            2,
            &file,
            &["--session", label],
            &format!("o-{label}"),
            |_, _| {},
        );
        let out = crashed.wait();
        assert_eq!(out.code(), 99, "{out:?}");
        assert_same_group(&wait_all(others))
    };

    // Rerunning `frost dkg` finishes from the relay's recovery data and the
    // sealed share bundle.
    let key = crash_dkg("a");
    let out = run(
        dkg_cmd(&dirs[0], &relay.addr, 2, &file, &["--session", "a"]),
        &scratch.0,
        "rerun",
    );
    assert_eq!(out.code(), 0, "{out:?}");
    assert!(out.stderr.contains("resuming"), "{out:?}");
    assert_eq!(group_key(&out), key);

    // `frost recover` with another participant's export.
    let key = crash_dkg("b");
    let export = scratch.path("export.json");
    let mut cmd = frost();
    cmd.args(["export-group", "--group", &key, "--state"])
        .arg(&dirs[1])
        .arg("--out")
        .arg(&export);
    assert_eq!(run(cmd, &scratch.0, "export").code(), 0);
    let recover = |dir: &Path, name: &str| {
        let mut cmd = frost();
        cmd.args(["recover", "--state"])
            .arg(dir)
            .arg("--recovery-data")
            .arg(&export);
        run(cmd, &scratch.0, name)
    };
    // The host key alone is not enough for COCKTAIL-DKG.
    let fresh = scratch.path("fresh");
    std::fs::create_dir_all(&fresh).unwrap();
    std::fs::copy(dirs[0].join("host.json"), fresh.join("host.json")).unwrap();
    let out = recover(&fresh, "recover-fresh");
    assert_eq!(out.code(), 1, "{out:?}");
    assert!(out.stderr.contains("share bundle"), "{out:?}");
    assert!(!fresh.join("groups").exists());
    // The crashed directory holds the bundle of session b.
    let out = recover(&dirs[0], "recover");
    assert_eq!(out.code(), 0, "{out:?}");
    assert_eq!(group_key(&out), key);
    let g = groups(&scratch, &dirs[0]);
    assert!(
        g.stdout.contains("2-of-3 participant 1") && !g.stdout.contains("unfinished"),
        "{g:?}"
    );
    assert!(
        !dirs[0].join("sessions").read_dir().unwrap().any(|_| true),
        "session file left"
    );
}

#[test]
fn a_bad_cocktail_share_is_named_by_its_recipient() {
    let scratch = Scratch::new("cocktailbadshare");
    let relay = start_relay(&scratch, "relay", &[]);
    let (dirs, file) = init_group(&scratch, "p", "p256", 3);
    let outs = wait_all(spawn_dkg(&scratch, &dirs, &relay.addr, 2, &file, &[], "p", |i, cmd| {
        if i == 2 {
            // Participant 3 sends participant 2 a ciphertext that does
            // not decrypt; COCKTAIL needs no investigation to name it.
            cmd.env("FROST_TEST_BAD_SHARE_TO", "2");
        }
    }));
    assert_eq!(outs[1].code(), 1, "{:?}", outs[1]);
    assert!(
        outs[1].stderr.contains("participant 3 (")
            && outs[1].stderr.contains("sent invalid data, or the relay altered it")
            && !outs[1].stderr.contains("investigation"),
        "{:?}",
        outs[1]
    );
    for i in [0, 2] {
        assert_eq!(outs[i].code(), 1, "{:?}", outs[i]);
        assert!(
            outs[i].stderr.contains("participant 2 gave up: participant 3"),
            "{:?}",
            outs[i]
        );
    }
    assert!(!dirs[1].join("groups").exists());
}
