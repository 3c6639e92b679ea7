//! COCKTAIL-DKG's cost: one honest session at `t`-of-`n` on secp256k1 (the
//! suite where ChillDKG also exists), timed for participant 1 and for the
//! coordinator, with the bytes participant 1 sends and receives.
//!
//! Every participant's steps run (the others' outputs are participant 1's
//! inputs), but only participant 1's and the coordinator's are timed. The
//! bytes grow as `n * t` per participant: `msg2` carries every sender's
//! `t`-point commitment, and the transcript every participant signs (and
//! hashes once per certificate signature) holds all of them. ChillDKG's
//! coordinator sums the commitments instead, so its messages grow as
//! `n + t`. See `frost_core::keys::cocktail` for which to choose when.

use std::time::{Duration, Instant};

use frost_core::keys::cocktail::{
    Extension, HostSecretKey, SessionContext, SessionParams, coordinator_finalize, coordinator_step1,
    participant_finalize, participant_step1, participant_step2,
};
use frost_secp256k1::Secp256K1Sha256 as C;
use rand::SeedableRng;
use rand::rngs::StdRng;

/// The times and sizes of one COCKTAIL-DKG session.
#[derive(Clone, Debug)]
pub struct CocktailCost {
    /// The threshold.
    pub t: u32,
    /// The number of participants.
    pub n: u32,
    /// Participant 1's `participant_step1`.
    pub participant_step1: Duration,
    /// The coordinator's `coordinator_step1` (checks every `msg1`, builds
    /// every `msg2`).
    pub coordinator_step1: Duration,
    /// Participant 1's `participant_step2` (every proof, its `n` shares, the
    /// outputs, the transcript signature).
    pub participant_step2: Duration,
    /// The coordinator's `coordinator_finalize` (the `n` signatures).
    pub coordinator_finalize: Duration,
    /// Participant 1's `participant_finalize` (the certificate).
    pub participant_finalize: Duration,
    /// Bytes participant 1 sends: `msg1` and its signature.
    pub sent: usize,
    /// Bytes participant 1 receives: its `msg2` and the certificate.
    pub received: usize,
    /// The transcript's length.
    pub transcript: usize,
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

/// Runs one session at `t`-of-`n` (`1 <= t <= n`) from `seed` and returns
/// participant 1's and the coordinator's times and participant 1's bytes.
// The closures return the steps' own results, whose errors are large.
#[allow(clippy::result_large_err)]
pub fn cocktail_session_cost(t: u32, n: u32, seed: u64) -> Result<CocktailCost, String> {
    let mut rng = StdRng::seed_from_u64(seed);
    let keys: Vec<HostSecretKey<C>> = (0..n).map(|_| HostSecretKey::generate(&mut rng)).collect();
    let pubkeys: Vec<Vec<u8>> = keys.iter().map(|k| k.public_key().to_bytes()).collect();
    let params = SessionParams::new(&pubkeys, t).map_err(|e| e.to_string())?;
    let session = SessionContext::new(params, &seed.to_be_bytes());
    let none: &[&[u8]] = &[];

    let mut states = Vec::with_capacity(n as usize);
    let mut msgs1 = Vec::with_capacity(n as usize);
    let mut step1 = Duration::ZERO;
    for (i, key) in keys.iter().enumerate() {
        let (res, d) = timed(|| participant_step1(key, &session, none, &mut rng));
        let (state, msg1) = res.map_err(|e| e.to_string())?;
        if i == 0 {
            step1 = d;
        }
        states.push(state);
        msgs1.push(msg1);
    }
    let (res, coord1) = timed(|| coordinator_step1(&msgs1, &session));
    let (cstate, msgs2) = res.map_err(|e| e.to_string())?;

    let mut states2 = Vec::with_capacity(n as usize);
    let mut sigs = Vec::with_capacity(n as usize);
    let mut step2 = Duration::ZERO;
    for (i, ((key, state), msg2)) in keys.iter().zip(states).zip(&msgs2).enumerate() {
        let (res, d) = timed(|| participant_step2(key, state, msg2, Extension::Bytes(b"")));
        let (state2, sig) = res.map_err(|f| f.error.to_string())?;
        if i == 0 {
            step2 = d;
        }
        states2.push(state2);
        sigs.push(sig);
    }
    let transcript = states2[0].transcript().len();
    let (res, coord2) = timed(|| coordinator_finalize(cstate, b"", &sigs));
    let (certificate, _, _) = res.map_err(|e| e.to_string())?;
    let first = states2.into_iter().next().ok_or("no participant")?;
    let (res, finalize) = timed(|| participant_finalize(first, &certificate));
    res.map_err(|(_, e)| e.to_string())?;
    Ok(CocktailCost {
        t,
        n,
        participant_step1: step1,
        coordinator_step1: coord1,
        participant_step2: step2,
        coordinator_finalize: coord2,
        participant_finalize: finalize,
        sent: msgs1[0].len() + sigs[0].len(),
        received: msgs2[0].len() + certificate.len(),
        transcript,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn small_session_costs_add_up() {
        let cost = super::cocktail_session_cost(2, 3, 1).expect("session");
        // msg1: 2 points, a 65-byte proof, a point, 3 framed 48-byte
        // ciphertexts; and a 65-byte signature.
        assert_eq!(cost.sent, 2 * 33 + 65 + 33 + 3 * (8 + 48) + 65);
        // msg2: 3 blocks of the same shape with one ciphertext; 3 signatures.
        assert_eq!(cost.received, 3 * (2 * 33 + 65 + 33 + 8 + 48) + 3 * 65);
    }
}
