//! The relay's mailbox, in process: store-and-forward between host keys,
//! per-session addressing, push delivery, and envelopes checked end to end.

use std::time::Duration;

use frost_cli::client::{Connection, RelayAddr};
use frost_cli::envelope::{Envelope, Receiver, Refusal};
use frost_cli::proto::{ClientMsg, RelayMsg};
use frost_cli::relay::{RelayConfig, serve};
use frost_cli::suite::{Suite, generate_host_key};

const T: Duration = Duration::from_secs(10);

async fn deliver(conn: &mut Connection) -> Envelope {
    loop {
        match conn.recv_msg(T, "waiting for a delivery").await.unwrap() {
            (RelayMsg::Deliver { envelope }, payload) => {
                return Envelope::from_parts(&envelope, payload.to_vec()).unwrap();
            }
            (RelayMsg::Progress { .. }, _) => continue,
            (other, _) => panic!("unexpected {other:?}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mailbox_store_forward_and_envelope_checks() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let relay = RelayAddr {
        addr: listener.local_addr().unwrap().to_string(),
        cert: None,
    };
    let server = tokio::spawn(serve(listener, None, RelayConfig::default()));

    let suite = Suite::Ed25519;
    let (a_sec, a_pub) = generate_host_key(suite);
    let (b_sec, b_pub) = generate_host_key(suite);
    let mut a = Connection::open(&relay, suite, &a_sec, &a_pub, T).await.unwrap();
    let mut b = Connection::open(&relay, suite, &b_sec, &b_pub, T).await.unwrap();
    let session = [9u8; 32];
    let other_session = [8u8; 32];
    let seal = |seq: u64, payload: &[u8], session: [u8; 32]| {
        Envelope::seal(
            suite,
            session,
            &a_sec,
            a_pub.clone(),
            b_pub.clone(),
            seq,
            payload.to_vec(),
        )
        .unwrap()
    };

    // Stored while b is not listening to the session, delivered when it subscribes.
    a.send_envelope(&seal(0, b"first", session), false).await.unwrap();
    a.send_envelope(&seal(0, b"elsewhere", other_session), false)
        .await
        .unwrap();
    b.send(&ClientMsg::Subscribe {
        session: hex::encode(session),
    })
    .await
    .unwrap();
    let mut rx = Receiver::new(suite, session, a_pub.clone(), b_pub.clone());
    let first = deliver(&mut b).await;
    assert_eq!(first.payload, b"first", "only this session's messages");
    assert_eq!(rx.accept(&first), Ok(true));

    // Pushed as it arrives; an exact duplicate is dropped.
    let second = seal(1, b"second", session);
    a.send_envelope(&second, false).await.unwrap();
    a.send_envelope(&second, false).await.unwrap();
    assert_eq!(rx.accept(&deliver(&mut b).await), Ok(true));
    assert_eq!(rx.accept(&deliver(&mut b).await), Ok(false));

    // A gap (a relay that dropped message 2) is refused, naming the relay.
    a.send_envelope(&seal(3, b"fourth", session), false).await.unwrap();
    let refusal = rx.accept(&deliver(&mut b).await).unwrap_err();
    assert_eq!(refusal, Refusal::Gap { expected: 2, got: 3 });
    assert!(refusal.to_string().contains("the relay"));

    // Nobody can send as somebody else.
    let forged = Envelope::seal(suite, session, &b_sec, b_pub.clone(), b_pub.clone(), 0, b"x".to_vec()).unwrap();
    a.send_envelope(&forged, false).await.unwrap();
    match a.recv_msg(T, "after a forged sender").await.unwrap().0 {
        RelayMsg::Error { message } => assert!(message.contains("not this connection's host key"), "{message}"),
        other => panic!("unexpected {other:?}"),
    }

    // The other session's message waits for its own subscription.
    b.send(&ClientMsg::Subscribe {
        session: hex::encode(other_session),
    })
    .await
    .unwrap();
    assert_eq!(deliver(&mut b).await.payload, b"elsewhere");
    server.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_challenge_signature_is_refused() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let relay = RelayAddr {
        addr: listener.local_addr().unwrap().to_string(),
        cert: None,
    };
    let server = tokio::spawn(serve(listener, None, RelayConfig::default()));
    let (_, public) = generate_host_key(Suite::P256);
    let (other_secret, _) = generate_host_key(Suite::P256);
    let err = Connection::open(&relay, Suite::P256, &other_secret, &public, T)
        .await
        .err()
        .expect("refused");
    assert!(err.message.contains("authentication failed"), "{}", err.message);
    server.abort();
}
