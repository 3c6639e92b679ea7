//! The standalone DKGs (no broadcast channel, no confidential channels) as
//! the comparison program times them: one whole session is run once, and
//! then each role's steps are timed again on its bytes.
//!
//! A protocol is one [`Standalone`] implementation; [`PROTOCOLS`] lists the
//! names `compare --standalone` accepts and [`crate::with_standalone!`] dispatches
//! on them: ChillDKG on secp256k1, and COCKTAIL-DKG on secp256k1 (`cocktail`,
//! beside ChillDKG) and on every other suite (`cocktail-SUITE`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use frost_core::Group as _;
use frost_core::keys::cocktail::{
    CocktailCiphersuite, CoordinatorState, Extension, HostSecretKey, SessionContext, SessionParams,
    coordinator_collect, coordinator_finalize, coordinator_projection, hostseckey_from_bytes, hostseckey_to_bytes,
    participant_finalize, participant_step1, participant_step2, schnorr_trace,
};

use crate::Res;

/// The bytes of one complete session, in session order, kept so that every
/// role can be timed again on exactly what it received.
pub struct Transcript {
    pub t: u32,
    pub n: usize,
    /// Every participant's host secret key, encoded.
    pub hostseckeys: Vec<Vec<u8>>,
    /// Every participant's host public key, encoded.
    pub hostpubkeys: Vec<Vec<u8>>,
    /// The randomness each participant's step 1 used (step 1 is a function
    /// of it, so participant 1's step 1 gives back its message).
    pub randoms: Vec<[u8; 32]>,
    pub pmsgs1: Vec<Vec<u8>>,
    pub cmsg1: Vec<u8>,
    pub pmsgs2: Vec<Vec<u8>>,
    pub cmsg2: Vec<u8>,
}

impl Transcript {
    /// Bytes participant 1 sends (its two messages) and receives (the
    /// coordinator's two messages).
    pub fn participant_bytes(&self) -> (usize, usize) {
        (
            self.pmsgs1[0].len() + self.pmsgs2[0].len(),
            self.cmsg1.len() + self.cmsg2.len(),
        )
    }
}

impl Transcript {
    /// The cache format: magic, `t` and `n` (u32 LE), then every byte string
    /// of the transcript length-prefixed (u32 LE), in field order.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = TRANSCRIPT_MAGIC.to_vec();
        out.extend_from_slice(&self.t.to_le_bytes());
        out.extend_from_slice(&(self.n as u32).to_le_bytes());
        let mut record = |bytes: &[u8]| {
            out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
            out.extend_from_slice(bytes);
        };
        for i in 0..self.n {
            record(&self.hostseckeys[i]);
            record(&self.hostpubkeys[i]);
            record(&self.randoms[i]);
            record(&self.pmsgs1[i]);
            record(&self.pmsgs2[i]);
        }
        record(&self.cmsg1);
        record(&self.cmsg2);
        out
    }

    /// Reads [`Transcript::encode`] output made for `t`-of-`n`.
    pub fn decode(bytes: &[u8], t: u32, n: usize) -> Res<Self> {
        let mut rest = bytes
            .strip_prefix(TRANSCRIPT_MAGIC)
            .ok_or("not a transcript cache file")?;
        let mut take = |len: usize| -> Res<&[u8]> {
            let (head, tail) = rest.split_at_checked(len).ok_or("truncated transcript cache file")?;
            rest = tail;
            Ok(head)
        };
        let word = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        if word(take(4)?) != t || word(take(4)?) as usize != n {
            return Err("transcript cache file made for other parameters".into());
        }
        let mut record = || -> Res<Vec<u8>> {
            let len = word(take(4)?) as usize;
            Ok(take(len)?.to_vec())
        };
        let mut tr = Transcript {
            t,
            n,
            hostseckeys: Vec::with_capacity(n),
            hostpubkeys: Vec::with_capacity(n),
            randoms: Vec::with_capacity(n),
            pmsgs1: Vec::with_capacity(n),
            cmsg1: Vec::new(),
            pmsgs2: Vec::with_capacity(n),
            cmsg2: Vec::new(),
        };
        for _ in 0..n {
            tr.hostseckeys.push(record()?);
            tr.hostpubkeys.push(record()?);
            tr.randoms
                .push(record()?.try_into().map_err(|_| "randomness of the wrong length")?);
            tr.pmsgs1.push(record()?);
            tr.pmsgs2.push(record()?);
        }
        tr.cmsg1 = record()?;
        tr.cmsg2 = record()?;
        if !rest.is_empty() {
            return Err("trailing bytes in transcript cache file".into());
        }
        Ok(tr)
    }
}

const TRANSCRIPT_MAGIC: &[u8] = b"frost-bench standalone transcript v1\n";

/// The session of `P` at `t`-of-`n` from the cache under
/// `target/frost-bench-cache/`, or run (and cached) now. Returns whether it
/// was run in this process. The messages are a function of the seeded keys
/// and randomness, so a cached transcript stays valid across code changes
/// that keep the protocol's bytes (the session checks them once when made).
pub fn load_or_session<P: Standalone>(t: u32, n: usize) -> Res<(Transcript, bool)> {
    let path = crate::cache_dir().join(format!("{}-{t}-{n}-transcript.bin", P::NAME));
    if let Ok(bytes) = std::fs::read(&path) {
        match Transcript::decode(&bytes, t, n) {
            Ok(tr) => return Ok((tr, false)),
            Err(e) => eprintln!("note: ignoring {}: {e}", path.display()),
        }
    }
    let tr = P::session(t, n, SESSION_SEED)?;
    crate::write_atomically(&path, &tr.encode()).map_err(|e| format!("writing {}: {e}", path.display()))?;
    Ok((tr, true))
}

/// The seed sessions are made from.
pub const SESSION_SEED: u64 = 0x5eed_c411;

/// One standalone DKG, over byte messages. Every function returns errors as
/// text.
pub trait Standalone {
    /// The name `--standalone` takes and the table shows.
    const NAME: &'static str;
    /// The coordinator's state between its step 1 and its finalization.
    type CoordinatorState;

    /// Runs one whole session of `t`-of-`n` from `seed` (every participant
    /// and the coordinator) and checks that everybody got the same key.
    fn session(t: u32, n: usize, seed: u64) -> Res<Transcript>;
    /// Participant 1's whole run on the session's bytes: step 1; step 2,
    /// decoding the coordinator's first message; finalization.
    fn participant(tr: &Transcript, aux: [u8; 32]) -> Res<()>;
    /// The coordinator's step 1 on the `n` first messages.
    fn coordinator_step1(tr: &Transcript) -> Res<(Self::CoordinatorState, Vec<u8>)>;
    /// The coordinator's finalization on the `n` second messages.
    fn coordinator_finalize(tr: &Transcript, state: Self::CoordinatorState) -> Res<()>;
    /// The floor under the coordinator's step 1: decoding the `n * t`
    /// commitment points of the first messages and nothing else. Returns
    /// how many points it decoded.
    fn decode_commitments(tr: &Transcript) -> Res<usize>;
}

/// The protocols `compare --standalone` accepts.
pub const PROTOCOLS: [&str; 6] = [
    "chilldkg",
    "cocktail",
    "cocktail-ristretto255",
    "cocktail-ed25519",
    "cocktail-p256",
    "cocktail-ed448",
];

/// Calls `$body` with the type `$p` bound to the protocol named `$name`, or
/// evaluates `$unknown`.
#[macro_export]
macro_rules! with_standalone {
    ($name:expr, $p:ident => $body:expr, _ => $unknown:expr) => {
        match $name {
            "chilldkg" => {
                type $p = $crate::standalone::ChillDkgSecp256k1;
                $body
            }
            "cocktail" => {
                type $p = $crate::standalone::CocktailSecp256k1;
                $body
            }
            "cocktail-ristretto255" => {
                type $p = $crate::standalone::CocktailRistretto255;
                $body
            }
            "cocktail-ed25519" => {
                type $p = $crate::standalone::CocktailEd25519;
                $body
            }
            "cocktail-p256" => {
                type $p = $crate::standalone::CocktailP256;
                $body
            }
            "cocktail-ed448" => {
                type $p = $crate::standalone::CocktailEd448;
                $body
            }
            _ => $unknown,
        }
    };
}

/// Decodes 33-byte SEC1 compressed points (the identity as 33 zeros) into
/// secp256k1 elements: what any standalone coordinator on secp256k1 must do
/// with the commitments it receives.
pub fn decode_secp256k1_points<'a>(points: impl Iterator<Item = &'a [u8]>) -> Res<usize> {
    type G = <frost_secp256k1::Secp256K1Sha256 as frost_core::Ciphersuite>::Group;
    let mut count = 0;
    for bytes in points {
        if bytes.iter().all(|b| *b == 0) {
            black_box(G::identity());
        } else {
            black_box(G::deserialize_element(bytes).map_err(|e| format!("point: {e:?}"))?);
        }
        count += 1;
    }
    Ok(count)
}

/// Seeded 32-byte strings, a different one for each `(seed, label, i)`.
fn bytes32(seed: u64, label: u8, i: usize) -> [u8; 32] {
    use rand::{RngExt as _, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed ^ (u64::from(label) << 56) ^ (i as u64) << 8);
    rng.random()
}

/// The transcript ChillDKG's certificate signs (the BIP's `eq_input`):
/// `t`, the summed commitment, the host keys, the public nonces and the
/// summed encrypted shares, from the coordinator's first message.
fn certeq_transcript(t: u32, n: usize, hostpubkeys: &[Vec<u8>], cmsg1: &[u8]) -> Res<Vec<u8>> {
    type G = <frost_secp256k1::Secp256K1Sha256 as frost_core::Ciphersuite>::Group;
    let t_ = t as usize;
    let (coms, rest) = cmsg1.split_at_checked(33 * n).ok_or("short cmsg1")?;
    let (nonconst, rest) = rest.split_at_checked(33 * (t_ - 1)).ok_or("short cmsg1")?;
    let (_pops, rest) = rest.split_at_checked(64 * n).ok_or("short cmsg1")?;
    let decode = |b: &[u8]| G::deserialize_element(b).map_err(|e| format!("point: {e:?}"));
    let sum = coms
        .chunks_exact(33)
        .try_fold(G::identity(), |acc, b| Ok::<_, String>(acc + decode(b)?))?;
    let mut eq = t.to_be_bytes().to_vec();
    let mut sum_bytes = [0u8; 33];
    G::serialize_element(&sum, &mut sum_bytes);
    eq.extend_from_slice(&sum_bytes);
    eq.extend_from_slice(nonconst);
    for k in hostpubkeys {
        eq.extend_from_slice(k);
    }
    eq.extend_from_slice(rest);
    Ok(eq)
}

/// A certificate signature by participant `index`: BIP340 over the BIP's
/// `"BIP DKG/certeq message"` prefix padded to 33 bytes, the position and
/// the transcript.
fn certeq_sign(hostseckey: &[u8], index: usize, eq: &[u8], aux: &[u8; 32]) -> Res<Vec<u8>> {
    let mut msg = b"BIP DKG/certeq message".to_vec();
    msg.resize(33, 0);
    msg.extend_from_slice(&(index as u32).to_be_bytes());
    msg.extend_from_slice(eq);
    let bytes = k256::FieldBytes::try_from(hostseckey).map_err(|_| "host key length")?;
    let key = k256::schnorr::SigningKey::from_bytes(&bytes).map_err(|e| e.to_string())?;
    let sig = key.sign_raw(&msg, aux).map_err(|e| e.to_string())?;
    Ok(sig.to_bytes().to_vec())
}

/// ChillDKG on `frost-secp256k1`.
pub struct ChillDkgSecp256k1;

impl Standalone for ChillDkgSecp256k1 {
    const NAME: &'static str = "chilldkg";
    type CoordinatorState = frost_secp256k1::keys::chilldkg::CoordinatorState;

    fn session(t: u32, n: usize, seed: u64) -> Res<Transcript> {
        use frost_secp256k1::keys::chilldkg::*;
        let hostseckeys: Vec<Vec<u8>> = (0..n)
            .map(|i| {
                // A valid key with overwhelming probability; retry otherwise.
                (0u8..)
                    .map(|k| bytes32(seed, 1 + k.wrapping_mul(16), i))
                    .find(|b| HostSecretKey::from_bytes(b).is_ok())
                    .map(|b| b.to_vec())
                    .ok_or_else(|| "no host key".to_string())
            })
            .collect::<Res<_>>()?;
        let keys: Vec<HostSecretKey> = hostseckeys
            .iter()
            .map(|b| HostSecretKey::from_bytes(b).map_err(|e| e.to_string()))
            .collect::<Res<_>>()?;
        let hostpubkeys: Vec<Vec<u8>> = keys.iter().map(|k| k.public_key().to_bytes()).collect();
        let params = SessionParams::new(&hostpubkeys, t).map_err(|e| e.to_string())?;
        let randoms: Vec<[u8; 32]> = (0..n).map(|i| bytes32(seed, 2, i)).collect();
        let mut states1 = Vec::with_capacity(n);
        let mut pmsgs1 = Vec::with_capacity(n);
        for (key, random) in keys.iter().zip(&randoms) {
            let (state, pmsg) = participant_step1(key, &params, random).map_err(|e| format!("step1: {e}"))?;
            states1.push(state);
            pmsgs1.push(pmsg);
        }
        let (cstate, cmsg1) = coordinator_step1(&pmsgs1, &params).map_err(|e| format!("coordinator step1: {e}"))?;
        // Participant 1 runs step 2; the others' certificate signatures are
        // made by k256's BIP340 signer over the transcript computed here
        // from cmsg1 (n - 1 whole step-2s would take an hour at n = 1000).
        // That the certificate then verifies also checks the transcript
        // format against an independent signer.
        let state1 = states1.into_iter().next().ok_or("no participant")?;
        let (state2, pmsg) =
            participant_step2(&keys[0], state1, &cmsg1, &bytes32(seed, 3, 0)).map_err(|f| format!("step2: {f}"))?;
        let eq = certeq_transcript(t, n, &hostpubkeys, &cmsg1)?;
        let mut pmsgs2 = vec![pmsg];
        for (i, key) in hostseckeys.iter().enumerate().skip(1) {
            pmsgs2.push(certeq_sign(key, i, &eq, &bytes32(seed, 3, i))?);
        }
        let (cmsg2, coutput, _) =
            coordinator_finalize(cstate, &pmsgs2).map_err(|e| format!("coordinator finalize: {e}"))?;
        let (output, _) = participant_finalize(state2, &cmsg2).map_err(|(_, e)| e.to_string())?;
        if output.threshold_public_key() != coutput.threshold_public_key() {
            return Err("participant 1 and the coordinator disagree on the key".into());
        }
        Ok(Transcript {
            t,
            n,
            hostseckeys,
            hostpubkeys,
            randoms,
            pmsgs1,
            cmsg1,
            pmsgs2,
            cmsg2,
        })
    }

    fn participant(tr: &Transcript, aux: [u8; 32]) -> Res<()> {
        use frost_secp256k1::keys::chilldkg::*;
        let key = HostSecretKey::from_bytes(&tr.hostseckeys[0]).map_err(|e| e.to_string())?;
        let params = SessionParams::new(&tr.hostpubkeys, tr.t).map_err(|e| e.to_string())?;
        let (state1, pmsg1) = participant_step1(&key, &params, &tr.randoms[0]).map_err(|e| e.to_string())?;
        if pmsg1 != tr.pmsgs1[0] {
            return Err("participant 1's step 1 is not deterministic".into());
        }
        let (state2, _pmsg2) = participant_step2(&key, state1, &tr.cmsg1, &aux).map_err(|f| f.to_string())?;
        let output = participant_finalize(state2, &tr.cmsg2).map_err(|(_, e)| e.to_string())?;
        black_box(output);
        Ok(())
    }

    fn coordinator_step1(tr: &Transcript) -> Res<(Self::CoordinatorState, Vec<u8>)> {
        use frost_secp256k1::keys::chilldkg::*;
        let params = SessionParams::new(&tr.hostpubkeys, tr.t).map_err(|e| e.to_string())?;
        coordinator_step1(&tr.pmsgs1, &params).map_err(|e| e.to_string())
    }

    fn coordinator_finalize(tr: &Transcript, state: Self::CoordinatorState) -> Res<()> {
        use frost_secp256k1::keys::chilldkg::*;
        let out = coordinator_finalize(state, &tr.pmsgs2).map_err(|e| e.to_string())?;
        black_box(out);
        Ok(())
    }

    fn decode_commitments(tr: &Transcript) -> Res<usize> {
        // pmsg1 opens with the t compressed commitment points.
        let t = tr.t as usize;
        decode_secp256k1_points(tr.pmsgs1.iter().flat_map(|m| m[..33 * t].chunks_exact(33)))
    }
}

/// The name `--standalone` takes for COCKTAIL-DKG on a suite.
pub trait CocktailName {
    /// `cocktail` on secp256k1 (beside ChillDKG), else `cocktail-SUITE`.
    const NAME: &'static str;
}

impl CocktailName for frost_secp256k1::Secp256K1Sha256 {
    const NAME: &'static str = "cocktail";
}
impl CocktailName for frost_ristretto255::Ristretto255Sha512 {
    const NAME: &'static str = "cocktail-ristretto255";
}
impl CocktailName for frost_ed25519::Ed25519Sha512 {
    const NAME: &'static str = "cocktail-ed25519";
}
impl CocktailName for frost_p256::P256Sha256 {
    const NAME: &'static str = "cocktail-p256";
}
impl CocktailName for frost_ed448::Ed448Shake256 {
    const NAME: &'static str = "cocktail-ed448";
}

/// COCKTAIL-DKG on suite `C`. In a transcript, `cmsg1` is participant 1's
/// projection `msg2_1` (every participant receives its own) and `cmsg2`
/// the certificate; `randoms[i]` seeds participant `i`'s step-1 RNG.
pub struct Cocktail<C>(std::marker::PhantomData<C>);

/// COCKTAIL-DKG on secp256k1 (`cocktail`).
pub type CocktailSecp256k1 = Cocktail<frost_secp256k1::Secp256K1Sha256>;
/// COCKTAIL-DKG on ristretto255.
pub type CocktailRistretto255 = Cocktail<frost_ristretto255::Ristretto255Sha512>;
/// COCKTAIL-DKG on Ed25519.
pub type CocktailEd25519 = Cocktail<frost_ed25519::Ed25519Sha512>;
/// COCKTAIL-DKG on P-256.
pub type CocktailP256 = Cocktail<frost_p256::P256Sha256>;
/// COCKTAIL-DKG on Ed448.
pub type CocktailEd448 = Cocktail<frost_ed448::Ed448Shake256>;

/// The session context every COCKTAIL run of the bench uses.
fn cocktail_context<C: CocktailCiphersuite>(tr_t: u32, hostpubkeys: &[Vec<u8>]) -> Res<SessionContext<C>> {
    let params = SessionParams::<C>::new(hostpubkeys, tr_t).map_err(|e| e.to_string())?;
    Ok(SessionContext::new(params, b"frost-bench cocktail session"))
}

/// Runs `f` on every index below `n` on all cores (in order of index in
/// the result): the bench's one-time session at 1000 participants runs
/// 1000 step 1s and 999 transcript signatures.
fn parallel<T: Send>(n: usize, f: impl Fn(usize) -> Res<T> + Sync) -> Res<Vec<T>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |p| p.get())
        .min(n.max(1));
    let chunks: Vec<Res<Vec<T>>> = std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = (0..threads)
            .map(|k| scope.spawn(move || (k..n).step_by(threads).map(f).collect::<Res<Vec<T>>>()))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err("a worker panicked".into())))
            .collect()
    });
    let mut columns: Vec<std::vec::IntoIter<T>> = Vec::with_capacity(threads);
    for chunk in chunks {
        columns.push(chunk?.into_iter());
    }
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(columns[i % threads].next().ok_or("a worker returned too little")?);
    }
    Ok(out)
}

impl<C: CocktailCiphersuite + CocktailName> Standalone for Cocktail<C> {
    const NAME: &'static str = <C as CocktailName>::NAME;
    type CoordinatorState = CoordinatorState<C>;

    fn session(t: u32, n: usize, seed: u64) -> Res<Transcript> {
        use rand::SeedableRng;
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let keys: Vec<HostSecretKey<C>> = (0..n).map(|_| HostSecretKey::generate(&mut rng)).collect();
        let hostseckeys: Vec<Vec<u8>> = keys.iter().map(|k| hostseckey_to_bytes(k).to_vec()).collect();
        let hostpubkeys: Vec<Vec<u8>> = keys.iter().map(|k| k.public_key().to_bytes()).collect();
        let session = cocktail_context::<C>(t, &hostpubkeys)?;
        let randoms: Vec<[u8; 32]> = (0..n).map(|i| bytes32(seed, 2, i)).collect();
        let none: &[&[u8]] = &[];
        let step1 = |i: usize| {
            let mut rng = rand::rngs::StdRng::from_seed(randoms[i]);
            participant_step1(&keys[i], &session, none, &mut rng).map_err(|e| format!("step1: {e}"))
        };
        let (state1, pmsg1) = step1(0)?;
        // The others' first messages are only sent: their states are not
        // kept (a state is small, but 1000 of them are not needed).
        let mut pmsgs1 = vec![pmsg1];
        pmsgs1.extend(parallel(n - 1, |i| step1(i + 1).map(|(_, m)| m))?);
        let cstate = coordinator_collect(&pmsgs1, &session).map_err(|e| format!("coordinator step1: {e}"))?;
        let cmsg1 = coordinator_projection(&cstate, 0).ok_or("no projection for participant 1")?;
        // Participant 1 runs step 2; the others' transcript signatures are
        // made directly over participant 1's transcript (every honest
        // participant signs the same one) instead of running n - 1 whole
        // step 2s, which at 667-of-1000 would take hours on this machine.
        // That the coordinator and participant 1 accept the certificate
        // checks that transcript.
        let (state2, pmsg2) =
            participant_step2(&keys[0], state1, &cmsg1, Extension::Bytes(b"")).map_err(|f| format!("step2: {f}"))?;
        let transcript = state2.transcript().to_vec();
        let mut pmsgs2 = vec![pmsg2];
        pmsgs2.extend(parallel(n - 1, |i| {
            let sk = C::cocktail_scalar_from_bytes(&hostseckeys[i + 1]).ok_or("host key")?;
            Ok(schnorr_trace::<C>(&sk, &transcript).signature)
        })?);
        let (cmsg2, coutput, _) =
            coordinator_finalize(cstate, b"", &pmsgs2).map_err(|e| format!("coordinator finalize: {e}"))?;
        let (output, _, _) = participant_finalize(state2, &cmsg2).map_err(|(_, e)| e.to_string())?;
        if output.threshold_public_key() != coutput.threshold_public_key() {
            return Err("participant 1 and the coordinator disagree on the key".into());
        }
        Ok(Transcript {
            t,
            n,
            hostseckeys,
            hostpubkeys,
            randoms,
            pmsgs1,
            cmsg1,
            pmsgs2,
            cmsg2,
        })
    }

    fn participant(tr: &Transcript, _aux: [u8; 32]) -> Res<()> {
        use rand::SeedableRng;
        let key = hostseckey_from_bytes::<C>(&tr.hostseckeys[0]).map_err(|e| e.to_string())?;
        let session = cocktail_context::<C>(tr.t, &tr.hostpubkeys)?;
        let none: &[&[u8]] = &[];
        let mut rng = rand::rngs::StdRng::from_seed(tr.randoms[0]);
        let (state1, pmsg1) = participant_step1(&key, &session, none, &mut rng).map_err(|e| e.to_string())?;
        if pmsg1 != tr.pmsgs1[0] {
            return Err("participant 1's step 1 is not deterministic".into());
        }
        let (state2, _sig) =
            participant_step2(&key, state1, &tr.cmsg1, Extension::Bytes(b"")).map_err(|f| f.to_string())?;
        let output = participant_finalize(state2, &tr.cmsg2).map_err(|(_, e)| e.to_string())?;
        black_box(output);
        Ok(())
    }

    /// Checks the `n` first messages, then builds each participant's
    /// projection in turn, dropping it once "sent" (as a relay does): the
    /// returned message is participant 1's.
    fn coordinator_step1(tr: &Transcript) -> Res<(Self::CoordinatorState, Vec<u8>)> {
        let session = cocktail_context::<C>(tr.t, &tr.hostpubkeys)?;
        let state = coordinator_collect(&tr.pmsgs1, &session).map_err(|e| e.to_string())?;
        let first = coordinator_projection(&state, 0).ok_or("no projection")?;
        for i in 1..tr.n {
            black_box(coordinator_projection(&state, i).ok_or("no projection")?);
        }
        Ok((state, first))
    }

    fn coordinator_finalize(tr: &Transcript, state: Self::CoordinatorState) -> Res<()> {
        let out = coordinator_finalize(state, b"", &tr.pmsgs2).map_err(|e| e.to_string())?;
        black_box(out);
        Ok(())
    }

    fn decode_commitments(tr: &Transcript) -> Res<usize> {
        // msg1 opens with the t commitment points.
        let el = <C::Group as frost_core::Group>::ELEMENT_LEN;
        let t = tr.t as usize;
        let mut count = 0;
        for m in &tr.pmsgs1 {
            let coms = m.get(..el * t).ok_or("short msg1")?;
            for bytes in coms.chunks_exact(el) {
                black_box(C::Group::deserialize_element(bytes).map_err(|e| format!("point: {e:?}"))?);
                count += 1;
            }
        }
        Ok(count)
    }
}

/// Times `run` once, with its input made by `setup` outside the timing.
pub fn time<I, O>(setup: impl FnOnce() -> Res<I>, run: impl FnOnce(I) -> Res<O>) -> Res<Duration> {
    let input = setup()?;
    let start = Instant::now();
    let output = run(black_box(input))?;
    let elapsed = start.elapsed();
    drop(black_box(output));
    Ok(elapsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_runs_on_a_small_session() {
        let tr = ChillDkgSecp256k1::session(3, 5, 9).unwrap();
        assert_eq!(Transcript::decode(&tr.encode(), 3, 5).unwrap().encode(), tr.encode());
        assert!(Transcript::decode(&tr.encode(), 3, 6).is_err());
        ChillDkgSecp256k1::participant(&tr, [7; 32]).unwrap();
        let (state, cmsg1) = ChillDkgSecp256k1::coordinator_step1(&tr).unwrap();
        assert_eq!(cmsg1, tr.cmsg1);
        ChillDkgSecp256k1::coordinator_finalize(&tr, state).unwrap();
        assert_eq!(ChillDkgSecp256k1::decode_commitments(&tr).unwrap(), 15);
        let (sent, received) = tr.participant_bytes();
        assert_eq!(sent, tr.pmsgs1[0].len() + 64);
        assert_eq!(received, tr.cmsg1.len() + 64 * 5);
    }

    #[test]
    fn cocktail_runs_every_role_on_a_small_session() {
        type P = Cocktail<frost_secp256k1::Secp256K1Sha256>;
        let tr = P::session(3, 5, 9).unwrap();
        assert_eq!(Transcript::decode(&tr.encode(), 3, 5).unwrap().encode(), tr.encode());
        P::participant(&tr, [7; 32]).unwrap();
        let (state, cmsg1) = P::coordinator_step1(&tr).unwrap();
        assert_eq!(cmsg1, tr.cmsg1);
        P::coordinator_finalize(&tr, state).unwrap();
        assert_eq!(P::decode_commitments(&tr).unwrap(), 15);
        // msg1: 3 points, a 65-byte proof, a point, 5 framed 48-byte
        // ciphertexts; its signature 65 bytes. msg2_1: 5 blocks with one
        // ciphertext each; the certificate 5 signatures.
        let (sent, received) = tr.participant_bytes();
        assert_eq!(sent, 3 * 33 + 65 + 33 + 5 * (8 + 48) + 65);
        assert_eq!(received, 5 * (3 * 33 + 65 + 33 + 8 + 48) + 5 * 65);
        // A bad certificate signature fails the coordinator.
        let mut bad = P::session(2, 3, 4).unwrap();
        bad.pmsgs2[2][40] ^= 1;
        let (state, _) = P::coordinator_step1(&bad).unwrap();
        assert!(P::coordinator_finalize(&bad, state).is_err());
    }
}
