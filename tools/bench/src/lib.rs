//! Measuring apparatus for the DKG and signing steps: our implementation
//! against frost-core 3.x, on the same inputs, for one participant.
//!
//! - [`Side`] is one implementation of one suite behind a common interface
//!   (`Ours`/`Theirs` wrappers are generated for every suite).
//! - [`Suite`] ties a suite's two sides together.
//! - [`Inputs`] are what participant 1 receives from the `n - 1` others
//!   (round-1 broadcasts and the round-2 shares addressed to it), built once
//!   with our implementation, seeded, and cached under
//!   `target/frost-bench-cache/`.
//! - [`State`] is one side's decoded inputs and precomputed secrets; its
//!   [`State::sampler`] times one step.
//! - [`standalone`] runs the DKGs without a broadcast channel (ChillDKG, COCKTAIL-DKG) for
//!   `compare --standalone`; [`cocktail`] times COCKTAIL-DKG's steps.
#![forbid(unsafe_code)]

pub mod cocktail;
pub mod standalone;

use std::collections::BTreeMap;
use std::fmt::Display;
use std::fs;
use std::hint::black_box;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use frost_core::Group as _;

/// Errors are carried as text: the two implementations' error types differ.
pub type Res<T> = Result<T, String>;

fn err<E: Display>(context: &'static str) -> impl Fn(E) -> String {
    move |e| format!("{context}: {e}")
}

/// The bytes from which the participant with `index` derives its
/// identifier under `--derived-ids`.
pub fn derived_id_bytes(index: u16) -> String {
    format!("participant-{index}")
}

/// The message signed in the signing steps.
pub const MESSAGE: &[u8] = b"frost-bench message";

/// One implementation of one suite. Every function returns errors as text.
pub trait Side {
    /// `ours` or `theirs`.
    const NAME: &'static str;
    /// A seedable RNG of the rand version the implementation is built on.
    type Rng;
    type Id: Copy + Ord;
    type R1Secret;
    type R1Pkg;
    type R2Secret;
    type R2Pkg;
    type SecretShare;
    type KeyPackage;
    type PublicKeyPackage;
    type Nonces;
    /// Nonces kept for re-signing in a loop (ours are not `Clone`).
    type SavedNonces;
    type Commitments;
    type SigningPackage;
    type SigShare;
    type Signature;
    /// The group element type, for memory estimates.
    type Element;

    fn rng(seed: u64) -> Self::Rng;
    /// Identifier `index`, or the one derived from [`derived_id_bytes`].
    fn identifier(index: u16, derived: bool) -> Res<Self::Id>;
    fn identifier_bytes(id: &Self::Id) -> Vec<u8>;
    fn part1(id: Self::Id, n: u16, t: u16, rng: &mut Self::Rng) -> Res<(Self::R1Secret, Self::R1Pkg)>;
    fn decode_round1(bytes: &[u8]) -> Res<Self::R1Pkg>;
    fn decode_round2(bytes: &[u8]) -> Res<Self::R2Pkg>;
    #[allow(clippy::type_complexity)]
    fn part2(
        secret: Self::R1Secret,
        round1: &BTreeMap<Self::Id, Self::R1Pkg>,
    ) -> Res<(Self::R2Secret, BTreeMap<Self::Id, Self::R2Pkg>)>;
    fn part3(
        secret: &Self::R2Secret,
        round1: &BTreeMap<Self::Id, Self::R1Pkg>,
        round2: &BTreeMap<Self::Id, Self::R2Pkg>,
    ) -> Res<(Self::KeyPackage, Self::PublicKeyPackage)>;
    /// `generate_with_dealer(n, t)`, with [`Side::identifier`]'s identifiers.
    #[allow(clippy::type_complexity)]
    fn dealer(
        n: u16,
        t: u16,
        derived: bool,
        rng: &mut Self::Rng,
    ) -> Res<(BTreeMap<Self::Id, Self::SecretShare>, Self::PublicKeyPackage)>;
    fn key_package(share: Self::SecretShare) -> Res<Self::KeyPackage>;
    fn commit(key_package: &Self::KeyPackage, rng: &mut Self::Rng) -> (Self::Nonces, Self::Commitments);
    fn save_nonces(nonces: Self::Nonces) -> Self::SavedNonces;
    fn load_nonces(saved: &Self::SavedNonces) -> Res<Self::Nonces>;
    fn signing_package(commitments: BTreeMap<Self::Id, Self::Commitments>, message: &[u8]) -> Self::SigningPackage;
    fn sign(package: &Self::SigningPackage, nonces: Self::Nonces, key: &Self::KeyPackage) -> Res<Self::SigShare>;
    fn aggregate(
        package: &Self::SigningPackage,
        shares: &BTreeMap<Self::Id, Self::SigShare>,
        public: &Self::PublicKeyPackage,
    ) -> Res<Self::Signature>;
    fn verify(public: &Self::PublicKeyPackage, message: &[u8], signature: &Self::Signature) -> Res<()>;
}

macro_rules! ours {
    ($name:ident, $krate:ident, $suite:ident) => {
        #[doc = concat!("Our `", stringify!($krate), "`.")]
        pub struct $name;

        impl Side for $name {
            const NAME: &'static str = "ours";
            type Rng = rand::rngs::StdRng;
            type Id = $krate::Identifier;
            type R1Secret = $krate::keys::dkg::round1::SecretPackage;
            type R1Pkg = $krate::keys::dkg::round1::Package;
            type R2Secret = $krate::keys::dkg::round2::SecretPackage;
            type R2Pkg = $krate::keys::dkg::round2::Package;
            type SecretShare = $krate::keys::SecretShare;
            type KeyPackage = $krate::keys::KeyPackage;
            type PublicKeyPackage = $krate::keys::PublicKeyPackage;
            type Nonces = $krate::round1::SigningNonces;
            type SavedNonces = Vec<u8>;
            type Commitments = $krate::round1::SigningCommitments;
            type SigningPackage = $krate::SigningPackage;
            type SigShare = $krate::round2::SignatureShare;
            type Signature = $krate::Signature;
            type Element = $krate::frost_core::Element<$krate::$suite>;

            fn rng(seed: u64) -> Self::Rng {
                rand::SeedableRng::seed_from_u64(seed)
            }
            fn identifier(index: u16, derived: bool) -> Res<Self::Id> {
                if derived {
                    $krate::Identifier::derive(derived_id_bytes(index).as_bytes())
                } else {
                    $krate::Identifier::try_from(index)
                }
                .map_err(err("identifier"))
            }
            fn identifier_bytes(id: &Self::Id) -> Vec<u8> {
                id.serialize()
            }
            fn part1(id: Self::Id, n: u16, t: u16, rng: &mut Self::Rng) -> Res<(Self::R1Secret, Self::R1Pkg)> {
                $krate::keys::dkg::part1(id, n, t, rng).map_err(err("part1"))
            }
            fn decode_round1(bytes: &[u8]) -> Res<Self::R1Pkg> {
                <Self::R1Pkg>::deserialize(bytes).map_err(err("round-1 package"))
            }
            fn decode_round2(bytes: &[u8]) -> Res<Self::R2Pkg> {
                <Self::R2Pkg>::deserialize(bytes).map_err(err("round-2 package"))
            }
            fn part2(
                secret: Self::R1Secret,
                round1: &BTreeMap<Self::Id, Self::R1Pkg>,
            ) -> Res<(Self::R2Secret, BTreeMap<Self::Id, Self::R2Pkg>)> {
                $krate::keys::dkg::part2(secret, round1).map_err(err("part2"))
            }
            fn part3(
                secret: &Self::R2Secret,
                round1: &BTreeMap<Self::Id, Self::R1Pkg>,
                round2: &BTreeMap<Self::Id, Self::R2Pkg>,
            ) -> Res<(Self::KeyPackage, Self::PublicKeyPackage)> {
                $krate::keys::dkg::part3(secret, round1, round2).map_err(err("part3"))
            }
            fn dealer(
                n: u16,
                t: u16,
                derived: bool,
                rng: &mut Self::Rng,
            ) -> Res<(BTreeMap<Self::Id, Self::SecretShare>, Self::PublicKeyPackage)> {
                let ids = if derived {
                    (1..=n)
                        .map(|i| Self::identifier(i, true))
                        .collect::<Res<Vec<_>>>()?
                } else {
                    Vec::new()
                };
                let list = if derived {
                    $krate::keys::IdentifierList::Custom(&ids)
                } else {
                    $krate::keys::IdentifierList::Default
                };
                $krate::keys::generate_with_dealer(n, t, list, rng).map_err(err("generate_with_dealer"))
            }
            fn key_package(share: Self::SecretShare) -> Res<Self::KeyPackage> {
                <Self::KeyPackage>::try_from(share).map_err(err("key package"))
            }
            fn commit(key_package: &Self::KeyPackage, rng: &mut Self::Rng) -> (Self::Nonces, Self::Commitments) {
                $krate::round1::commit(key_package.signing_share(), rng)
            }
            fn save_nonces(nonces: Self::Nonces) -> Self::SavedNonces {
                nonces.persist().to_vec()
            }
            fn load_nonces(saved: &Self::SavedNonces) -> Res<Self::Nonces> {
                <Self::Nonces>::restore(saved).map_err(err("restore nonces"))
            }
            fn signing_package(
                commitments: BTreeMap<Self::Id, Self::Commitments>,
                message: &[u8],
            ) -> Self::SigningPackage {
                $krate::SigningPackage::new(commitments, message)
            }
            fn sign(
                package: &Self::SigningPackage,
                nonces: Self::Nonces,
                key: &Self::KeyPackage,
            ) -> Res<Self::SigShare> {
                $krate::round2::sign(package, nonces, key).map_err(err("sign"))
            }
            fn aggregate(
                package: &Self::SigningPackage,
                shares: &BTreeMap<Self::Id, Self::SigShare>,
                public: &Self::PublicKeyPackage,
            ) -> Res<Self::Signature> {
                $krate::aggregate(package, shares, public).map_err(err("aggregate"))
            }
            fn verify(public: &Self::PublicKeyPackage, message: &[u8], signature: &Self::Signature) -> Res<()> {
                public
                    .verifying_key()
                    .verify(message, signature)
                    .map_err(err("verify"))
            }
        }
    };
}

macro_rules! theirs {
    ($name:ident, $krate:ident, $suite:ident) => {
        #[doc = concat!("frost-core 3.x's `", stringify!($krate), "`.")]
        pub struct $name;

        impl Side for $name {
            const NAME: &'static str = "theirs";
            type Rng = rand08::rngs::StdRng;
            type Id = $krate::Identifier;
            type R1Secret = $krate::keys::dkg::round1::SecretPackage;
            type R1Pkg = $krate::keys::dkg::round1::Package;
            type R2Secret = $krate::keys::dkg::round2::SecretPackage;
            type R2Pkg = $krate::keys::dkg::round2::Package;
            type SecretShare = $krate::keys::SecretShare;
            type KeyPackage = $krate::keys::KeyPackage;
            type PublicKeyPackage = $krate::keys::PublicKeyPackage;
            type Nonces = $krate::round1::SigningNonces;
            type SavedNonces = $krate::round1::SigningNonces;
            type Commitments = $krate::round1::SigningCommitments;
            type SigningPackage = $krate::SigningPackage;
            type SigShare = $krate::round2::SignatureShare;
            type Signature = $krate::Signature;
            type Element = <<$krate::$suite as $krate::Ciphersuite>::Group as $krate::Group>::Element;

            fn rng(seed: u64) -> Self::Rng {
                rand08::SeedableRng::seed_from_u64(seed)
            }
            fn identifier(index: u16, derived: bool) -> Res<Self::Id> {
                if derived {
                    $krate::Identifier::derive(derived_id_bytes(index).as_bytes())
                } else {
                    $krate::Identifier::try_from(index)
                }
                .map_err(err("identifier"))
            }
            fn identifier_bytes(id: &Self::Id) -> Vec<u8> {
                id.serialize()
            }
            fn part1(id: Self::Id, n: u16, t: u16, rng: &mut Self::Rng) -> Res<(Self::R1Secret, Self::R1Pkg)> {
                // frost-core 3 takes the RNG by value; `&mut StdRng` is one.
                $krate::keys::dkg::part1(id, n, t, rng).map_err(err("part1"))
            }
            fn decode_round1(bytes: &[u8]) -> Res<Self::R1Pkg> {
                <Self::R1Pkg>::deserialize(bytes).map_err(err("round-1 package"))
            }
            fn decode_round2(bytes: &[u8]) -> Res<Self::R2Pkg> {
                <Self::R2Pkg>::deserialize(bytes).map_err(err("round-2 package"))
            }
            fn part2(
                secret: Self::R1Secret,
                round1: &BTreeMap<Self::Id, Self::R1Pkg>,
            ) -> Res<(Self::R2Secret, BTreeMap<Self::Id, Self::R2Pkg>)> {
                $krate::keys::dkg::part2(secret, round1).map_err(err("part2"))
            }
            fn part3(
                secret: &Self::R2Secret,
                round1: &BTreeMap<Self::Id, Self::R1Pkg>,
                round2: &BTreeMap<Self::Id, Self::R2Pkg>,
            ) -> Res<(Self::KeyPackage, Self::PublicKeyPackage)> {
                $krate::keys::dkg::part3(secret, round1, round2).map_err(err("part3"))
            }
            fn dealer(
                n: u16,
                t: u16,
                derived: bool,
                rng: &mut Self::Rng,
            ) -> Res<(BTreeMap<Self::Id, Self::SecretShare>, Self::PublicKeyPackage)> {
                let ids = if derived {
                    (1..=n)
                        .map(|i| Self::identifier(i, true))
                        .collect::<Res<Vec<_>>>()?
                } else {
                    Vec::new()
                };
                let list = if derived {
                    $krate::keys::IdentifierList::Custom(&ids)
                } else {
                    $krate::keys::IdentifierList::Default
                };
                $krate::keys::generate_with_dealer(n, t, list, rng).map_err(err("generate_with_dealer"))
            }
            fn key_package(share: Self::SecretShare) -> Res<Self::KeyPackage> {
                <Self::KeyPackage>::try_from(share).map_err(err("key package"))
            }
            fn commit(key_package: &Self::KeyPackage, rng: &mut Self::Rng) -> (Self::Nonces, Self::Commitments) {
                $krate::round1::commit(key_package.signing_share(), rng)
            }
            fn save_nonces(nonces: Self::Nonces) -> Self::SavedNonces {
                nonces
            }
            fn load_nonces(saved: &Self::SavedNonces) -> Res<Self::Nonces> {
                Ok(saved.clone())
            }
            fn signing_package(
                commitments: BTreeMap<Self::Id, Self::Commitments>,
                message: &[u8],
            ) -> Self::SigningPackage {
                $krate::SigningPackage::new(commitments, message)
            }
            fn sign(
                package: &Self::SigningPackage,
                nonces: Self::Nonces,
                key: &Self::KeyPackage,
            ) -> Res<Self::SigShare> {
                // frost-core 3 borrows the nonces.
                $krate::round2::sign(package, &nonces, key).map_err(err("sign"))
            }
            fn aggregate(
                package: &Self::SigningPackage,
                shares: &BTreeMap<Self::Id, Self::SigShare>,
                public: &Self::PublicKeyPackage,
            ) -> Res<Self::Signature> {
                $krate::aggregate(package, shares, public).map_err(err("aggregate"))
            }
            fn verify(public: &Self::PublicKeyPackage, message: &[u8], signature: &Self::Signature) -> Res<()> {
                public
                    .verifying_key()
                    .verify(message, signature)
                    .map_err(err("verify"))
            }
        }
    };
}

ours!(OursRistretto255, frost_ristretto255, Ristretto255Sha512);
ours!(OursEd25519, frost_ed25519, Ed25519Sha512);
ours!(OursSecp256k1, frost_secp256k1, Secp256K1Sha256);
ours!(OursP256, frost_p256, P256Sha256);
ours!(OursEd448, frost_ed448, Ed448Shake256);
theirs!(TheirsRistretto255, frost_ristretto255_3, Ristretto255Sha512);
theirs!(TheirsEd25519, frost_ed25519_3, Ed25519Sha512);
theirs!(TheirsSecp256k1, frost_secp256k1_3, Secp256K1Sha256);
theirs!(TheirsP256, frost_p256_3, P256Sha256);
theirs!(TheirsEd448, frost_ed448_3, Ed448Shake256);

/// A suite: its name, our ciphersuite type, and the two sides.
pub trait Suite {
    const NAME: &'static str;
    type C: frost_core::Ciphersuite;
    type Ours: Side;
    type Theirs: Side;
}

macro_rules! suite {
    ($name:ident, $label:literal, $c:ty, $ours:ident, $theirs:ident) => {
        #[doc = concat!("The ", $label, " suite.")]
        pub struct $name;

        impl Suite for $name {
            const NAME: &'static str = $label;
            type C = $c;
            type Ours = $ours;
            type Theirs = $theirs;
        }
    };
}

suite!(
    Ristretto255,
    "ristretto255",
    frost_ristretto255::Ristretto255Sha512,
    OursRistretto255,
    TheirsRistretto255
);
suite!(
    Ed25519,
    "ed25519",
    frost_ed25519::Ed25519Sha512,
    OursEd25519,
    TheirsEd25519
);
suite!(
    Secp256k1,
    "secp256k1",
    frost_secp256k1::Secp256K1Sha256,
    OursSecp256k1,
    TheirsSecp256k1
);
suite!(P256, "p256", frost_p256::P256Sha256, OursP256, TheirsP256);
suite!(Ed448, "ed448", frost_ed448::Ed448Shake256, OursEd448, TheirsEd448);

/// The suite names `--suite` accepts.
pub const SUITES: [&str; 5] = ["ristretto255", "ed25519", "secp256k1", "p256", "ed448"];

/// Calls `$body` with the type `$s` bound to the suite named `$name`
/// (a `&str`), or evaluates `$unknown` for an unknown name.
#[macro_export]
macro_rules! with_suite {
    ($name:expr, $s:ident => $body:expr, _ => $unknown:expr) => {
        match $name {
            "ristretto255" => {
                type $s = $crate::Ristretto255;
                $body
            }
            "ed25519" => {
                type $s = $crate::Ed25519;
                $body
            }
            "secp256k1" => {
                type $s = $crate::Secp256k1;
                $body
            }
            "p256" => {
                type $s = $crate::P256;
                $body
            }
            "ed448" => {
                type $s = $crate::Ed448;
                $body
            }
            _ => $unknown,
        }
    };
}

/// What participant 1 receives from the other `n - 1` participants, as wire
/// bytes both implementations decode: for each sender (in index order
/// `2..=n`), its identifier, its round-1 broadcast, and its round-2 share
/// for participant 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inputs {
    pub suite: String,
    pub t: u16,
    pub n: u16,
    pub derived: bool,
    pub seed: u64,
    pub ids: Vec<Vec<u8>>,
    pub round1: Vec<Vec<u8>>,
    pub round2: Vec<Vec<u8>>,
}

/// The seed the inputs are built from (fixed, so caches are reproducible).
pub const INPUT_SEED: u64 = 0x5eed_f205_7000_0007;

impl Inputs {
    /// Builds the inputs with our implementation: each other participant
    /// draws its polynomial from one seeded RNG and runs part1 on it; its
    /// share for participant 1 is its polynomial at participant 1's
    /// identifier. That share does not depend on participant 1's own secret,
    /// so no participant's part2 needs to run.
    pub fn generate<S: Suite>(t: u16, n: u16, derived: bool, seed: u64) -> Res<Self> {
        type G<C> = <C as frost_core::Ciphersuite>::Group;
        use frost_core::keys::dkg;
        if t < 2 || n < t {
            return Err(format!("need 2 <= t <= n, got t={t} n={n}"));
        }
        let mut rng: rand::rngs::StdRng = rand::SeedableRng::seed_from_u64(seed);
        let id = |i: u16| -> Res<frost_core::Identifier<S::C>> {
            if derived {
                frost_core::Identifier::derive(derived_id_bytes(i).as_bytes())
            } else {
                frost_core::Identifier::try_from(i)
            }
            .map_err(err("identifier"))
        };
        let me = G::<S::C>::deserialize_scalar(&id(1)?.serialize()).ok_or("identifier is not a scalar")?;
        let mut inputs = Self {
            suite: S::NAME.to_string(),
            t,
            n,
            derived,
            seed,
            ids: Vec::with_capacity(usize::from(n) - 1),
            round1: Vec::with_capacity(usize::from(n) - 1),
            round2: Vec::with_capacity(usize::from(n) - 1),
        };
        for i in 2..=n {
            let sender = id(i)?;
            let coefficients: Vec<_> = (0..t).map(|_| G::<S::C>::random_scalar(&mut rng)).collect();
            // Horner: f(x) = a_0 + x (a_1 + x (a_2 + ...)).
            let share = coefficients
                .iter()
                .rev()
                .fold(G::<S::C>::zero(), |acc, a| acc * me + *a);
            let nonce = G::<S::C>::random_scalar(&mut rng);
            let (_, package) =
                dkg::part1_with_randomness::<S::C>(sender, n, coefficients, nonce).map_err(err("part1"))?;
            let share = dkg::round2::Package::<S::C>::new(frost_core::keys::SigningShare::from_scalar(share));
            inputs.ids.push(sender.serialize());
            inputs.round1.push(package.serialize());
            inputs.round2.push(share.serialize().to_vec());
        }
        Ok(inputs)
    }

    /// `ristretto255-67-100-small`: the cache file's stem.
    pub fn key(suite: &str, t: u16, n: u16, derived: bool) -> String {
        let ids = if derived { "derived" } else { "small" };
        format!("{suite}-{t}-{n}-{ids}")
    }

    fn header(&self) -> String {
        format!(
            "{} seed={:#x}",
            Self::key(&self.suite, self.t, self.n, self.derived),
            self.seed
        )
    }

    /// The cache format: magic, then length-prefixed (u32 LE) records: the
    /// header, then for each sender its identifier, round-1 and round-2 bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = CACHE_MAGIC.to_vec();
        let mut record = |bytes: &[u8]| {
            let len = u32::try_from(bytes.len()).expect("record under 4 GiB");
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(bytes);
        };
        record(self.header().as_bytes());
        for ((id, r1), r2) in self.ids.iter().zip(&self.round1).zip(&self.round2) {
            record(id);
            record(r1);
            record(r2);
        }
        out
    }

    /// Reads [`Inputs::encode`] output, refusing one made for other
    /// parameters.
    pub fn decode(bytes: &[u8], suite: &str, t: u16, n: u16, derived: bool, seed: u64) -> Res<Self> {
        let mut rest = bytes.strip_prefix(CACHE_MAGIC).ok_or("not a frost-bench cache file")?;
        let mut record = || -> Res<Vec<u8>> {
            let (len, tail) = rest.split_first_chunk::<4>().ok_or("truncated cache file")?;
            let len = u32::from_le_bytes(*len) as usize;
            if tail.len() < len {
                return Err("truncated cache file".into());
            }
            let (record, tail) = tail.split_at(len);
            rest = tail;
            Ok(record.to_vec())
        };
        let mut inputs = Self {
            suite: suite.to_string(),
            t,
            n,
            derived,
            seed,
            ids: Vec::new(),
            round1: Vec::new(),
            round2: Vec::new(),
        };
        if record()? != inputs.header().as_bytes() {
            return Err("cache file made for other parameters".into());
        }
        for _ in 2..=n {
            inputs.ids.push(record()?);
            inputs.round1.push(record()?);
            inputs.round2.push(record()?);
        }
        if !rest.is_empty() {
            return Err("trailing bytes in cache file".into());
        }
        Ok(inputs)
    }

    /// Loads the inputs from the cache, or generates and caches them.
    /// Returns whether they were generated in this process.
    pub fn load_or_generate<S: Suite>(t: u16, n: u16, derived: bool) -> Res<(Self, bool)> {
        let path = cache_dir().join(format!("{}.bin", Self::key(S::NAME, t, n, derived)));
        if let Ok(bytes) = fs::read(&path) {
            match Self::decode(&bytes, S::NAME, t, n, derived, INPUT_SEED) {
                Ok(inputs) => return Ok((inputs, false)),
                Err(e) => eprintln!("note: ignoring {}: {e}", path.display()),
            }
        }
        let inputs = Self::generate::<S>(t, n, derived, INPUT_SEED)?;
        write_atomically(&path, &inputs.encode()).map_err(|e| format!("writing {}: {e}", path.display()))?;
        Ok((inputs, true))
    }
}

const CACHE_MAGIC: &[u8] = b"frost-bench inputs v1\n";

/// `$CARGO_TARGET_DIR/frost-bench-cache`, else the workspace's
/// `target/frost-bench-cache`.
pub fn cache_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    target.join("frost-bench-cache")
}

fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.ancestors().nth(2).unwrap_or(manifest).to_path_buf()
}

pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let mut file = fs::File::create(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    fs::rename(&tmp, path)
}

/// The steps `--steps` accepts, in table order.
pub const STEPS: [&str; 9] = [
    "part1",
    "decode",
    "part2",
    "part3",
    "e2e",
    "dealer",
    "commit",
    "sign",
    "aggregate",
];

/// What the signing steps need, for one side.
pub struct Signing<S: Side> {
    pub key_package: S::KeyPackage,
    pub public: S::PublicKeyPackage,
    pub package: S::SigningPackage,
    /// Participant 1's nonces for `package`.
    pub nonces: S::SavedNonces,
    pub shares: BTreeMap<S::Id, S::SigShare>,
}

/// One side's decoded inputs and precomputed secrets for participant 1.
pub struct State<'a, S: Side> {
    pub t: u16,
    pub n: u16,
    pub derived: bool,
    pub me: S::Id,
    pub ids: Vec<S::Id>,
    pub inputs: &'a Inputs,
    pub round1: BTreeMap<S::Id, S::R1Pkg>,
    pub round2: BTreeMap<S::Id, S::R2Pkg>,
    /// From participant 1's part1 and part2, for timing part3.
    pub round2_secret: Option<S::R2Secret>,
    pub signing: Option<Signing<S>>,
}

impl<'a, S: Side> State<'a, S> {
    /// Decodes the inputs; with `dkg`, runs part1 and part2 once for
    /// part3's secret (part3 itself is not run: at n = 1000 frost-core 3's
    /// takes over a minute); with `signing`, deals
    /// keys, signs once with `t` signers and checks the signature.
    pub fn new(inputs: &'a Inputs, dkg: bool, signing: bool) -> Res<Self> {
        let mut state = Self::bare(inputs)?;
        let (me, t, n, derived) = (state.me, state.t, state.n, state.derived);
        state.round1 = state.decode_round1()?;
        state.round2 = state.decode_round2()?;
        let mut rng = S::rng(1);
        if dkg {
            let (secret, _) = S::part1(me, n, t, &mut rng)?;
            let (secret, _) = S::part2(secret, &state.round1)?;
            state.round2_secret = Some(secret);
        }
        if signing {
            state.signing = Some(Self::signing(me, n, t, derived, &mut rng)?);
        }
        Ok(state)
    }

    /// The identifiers only, checked against the cached ones; nothing
    /// decoded (for [`State::end_to_end`] alone, as `--memory` runs it).
    pub fn bare(inputs: &'a Inputs) -> Res<Self> {
        let (t, n, derived) = (inputs.t, inputs.n, inputs.derived);
        let me = S::identifier(1, derived)?;
        let ids = (2..=n).map(|i| S::identifier(i, derived)).collect::<Res<Vec<_>>>()?;
        for (id, bytes) in ids.iter().zip(&inputs.ids) {
            if S::identifier_bytes(id) != *bytes {
                return Err(format!(
                    "{}: identifier {} differs from the cached {}",
                    S::NAME,
                    hex::encode(S::identifier_bytes(id)),
                    hex::encode(bytes)
                ));
            }
        }
        Ok(Self {
            t,
            n,
            derived,
            me,
            ids,
            inputs,
            round1: BTreeMap::new(),
            round2: BTreeMap::new(),
            round2_secret: None,
            signing: None,
        })
    }

    fn signing(me: S::Id, n: u16, t: u16, derived: bool, rng: &mut S::Rng) -> Res<Signing<S>> {
        let (shares, public) = S::dealer(n, t, derived, rng)?;
        // Participant 1 and the next t - 1 in identifier order.
        let mut keys = BTreeMap::new();
        let mut others = Vec::new();
        for (id, share) in shares {
            if id == me {
                keys.insert(id, S::key_package(share)?);
            } else if others.len() + 1 < usize::from(t) {
                others.push(id);
                keys.insert(id, S::key_package(share)?);
            }
        }
        let mut nonces = BTreeMap::new();
        let mut commitments = BTreeMap::new();
        for (id, key) in &keys {
            let (n, c) = S::commit(key, rng);
            nonces.insert(*id, S::save_nonces(n));
            commitments.insert(*id, c);
        }
        let package = S::signing_package(commitments, MESSAGE);
        let mut shares = BTreeMap::new();
        for (id, key) in &keys {
            shares.insert(*id, S::sign(&package, S::load_nonces(&nonces[id])?, key)?);
        }
        let signature = S::aggregate(&package, &shares, &public)?;
        S::verify(&public, MESSAGE, &signature)?;
        Ok(Signing {
            key_package: keys.remove(&me).ok_or("participant 1 has no key package")?,
            public,
            package,
            nonces: nonces.remove(&me).ok_or("participant 1 has no nonces")?,
            shares,
        })
    }

    /// Decodes the `n - 1` received round-1 packages.
    pub fn decode_round1(&self) -> Res<BTreeMap<S::Id, S::R1Pkg>> {
        self.ids
            .iter()
            .zip(&self.inputs.round1)
            .map(|(id, bytes)| Ok((*id, S::decode_round1(bytes)?)))
            .collect()
    }

    /// Decodes the `n - 1` received round-2 packages.
    pub fn decode_round2(&self) -> Res<BTreeMap<S::Id, S::R2Pkg>> {
        self.ids
            .iter()
            .zip(&self.inputs.round2)
            .map(|(id, bytes)| Ok((*id, S::decode_round2(bytes)?)))
            .collect()
    }

    /// Decode everything, part2, part3: what a participant does after part1.
    pub fn end_to_end(&self, secret: S::R1Secret) -> Res<(S::KeyPackage, S::PublicKeyPackage)> {
        let round1 = self.decode_round1()?;
        let (secret, outgoing) = S::part2(secret, &round1)?;
        drop(black_box(outgoing));
        let round2 = self.decode_round2()?;
        S::part3(&secret, &round1, &round2)
    }

    /// A closure that runs `step` once and returns the time it took, with
    /// its input prepared (and its output dropped) outside the timing.
    /// `seed` seeds the RNG of part1, dealer and commit.
    pub fn sampler(&self, step: &str, seed: u64) -> Res<Sampler<'_>> {
        let (me, n, t, derived) = (self.me, self.n, self.t, self.derived);
        let mut rng = S::rng(seed);
        let needs_signing = || {
            self.signing
                .as_ref()
                .ok_or_else(|| format!("{step}: signing state not prepared"))
        };
        Ok(match step {
            "part1" => timed(|| Ok(()), move |()| S::part1(me, n, t, &mut rng)),
            "decode" => timed(|| Ok(()), |()| self.decode_round1()),
            "part2" => timed(
                move || Ok(S::part1(me, n, t, &mut rng)?.0),
                |secret| S::part2(secret, &self.round1),
            ),
            "part3" => {
                let secret = self
                    .round2_secret
                    .as_ref()
                    .ok_or("part3: round-2 secret not prepared")?;
                timed(|| Ok(()), move |()| S::part3(secret, &self.round1, &self.round2))
            }
            "e2e" => timed(
                move || Ok(S::part1(me, n, t, &mut rng)?.0),
                |secret| self.end_to_end(secret),
            ),
            "dealer" => timed(|| Ok(()), move |()| S::dealer(n, t, derived, &mut rng)),
            "commit" => {
                let signing = needs_signing()?;
                timed(|| Ok(()), move |()| Ok(S::commit(&signing.key_package, &mut rng)))
            }
            "sign" => {
                let signing = needs_signing()?;
                timed(
                    || S::load_nonces(&signing.nonces),
                    |nonces| S::sign(&signing.package, nonces, &signing.key_package),
                )
            }
            "aggregate" => {
                let signing = needs_signing()?;
                timed(
                    || Ok(()),
                    |()| S::aggregate(&signing.package, &signing.shares, &signing.public),
                )
            }
            other => return Err(format!("unknown step {other:?}; steps: {}", STEPS.join(","))),
        })
    }
}

/// Runs a step once and returns its duration.
pub type Sampler<'a> = Box<dyn FnMut() -> Res<Duration> + 'a>;

fn timed<'a, I, O>(mut setup: impl FnMut() -> Res<I> + 'a, mut run: impl FnMut(I) -> Res<O> + 'a) -> Sampler<'a> {
    Box::new(move || {
        let input = setup()?;
        let start = Instant::now();
        let output = run(black_box(input))?;
        let elapsed = start.elapsed();
        drop(black_box(output));
        Ok(elapsed)
    })
}

/// Samples for one step of one side.
#[derive(Clone, Debug, Default)]
pub struct Samples(pub Vec<Duration>);

impl Samples {
    pub fn min(&self) -> Duration {
        self.0.iter().copied().min().unwrap_or_default()
    }

    pub fn median(&self) -> Duration {
        let mut sorted = self.0.clone();
        sorted.sort();
        match sorted.len() {
            0 => Duration::ZERO,
            len if len % 2 == 1 => sorted[len / 2],
            len => (sorted[len / 2 - 1] + sorted[len / 2]) / 2,
        }
    }
}

/// How many runs make about `budget` for a step whose first run took
/// `first`: at least 1, at most 100 000; with a 1 s budget, at most 20 for
/// the slow steps (50 ms and over).
pub fn runs_for(first: Duration, budget: Duration) -> usize {
    let first = first.max(Duration::from_nanos(1));
    let runs = budget.as_nanos().div_ceil(first.as_nanos());
    usize::try_from(runs).unwrap_or(usize::MAX).clamp(1, 100_000)
}

/// Samples both sides of one step, alternating runs so that both see the
/// same background load. With `runs`, exactly that many per side. Else each
/// side's count comes from [`runs_for`] (1 s) on the median of its first
/// few runs (up to 5 within 20 ms, counted as samples; a step under 10 ms
/// also gets one discarded warm-up run first).
pub fn sample_pair(ours: &mut Sampler<'_>, theirs: &mut Sampler<'_>, runs: Option<usize>) -> Res<(Samples, Samples)> {
    let (a, want_a, b, want_b) = match runs {
        Some(k) => (Samples::default(), k.max(1), Samples::default(), k.max(1)),
        None => {
            let (a, want_a) = calibrate(ours)?;
            let (b, want_b) = calibrate(theirs)?;
            (a, want_a, b, want_b)
        }
    };
    let (mut a, mut b) = (a, b);
    while a.0.len() < want_a || b.0.len() < want_b {
        if a.0.len() < want_a {
            a.0.push(ours()?);
        }
        if b.0.len() < want_b {
            b.0.push(theirs()?);
        }
    }
    Ok((a, b))
}

/// Samples one step alone: exactly `runs` times, or as [`sample_pair`]
/// calibrates.
pub fn sample_one(sampler: &mut Sampler<'_>, runs: Option<usize>) -> Res<Samples> {
    let (mut samples, want) = match runs {
        Some(k) => (Samples::default(), k.max(1)),
        None => calibrate(sampler)?,
    };
    while samples.0.len() < want {
        samples.0.push(sampler()?);
    }
    Ok(samples)
}

fn calibrate(sampler: &mut Sampler<'_>) -> Res<(Samples, usize)> {
    let mut samples = Samples(vec![sampler()?]);
    if samples.0[0] < Duration::from_millis(10) {
        samples.0[0] = sampler()?;
    }
    while samples.0.len() < 5 && samples.0.iter().sum::<Duration>() < Duration::from_millis(20) {
        samples.0.push(sampler()?);
    }
    let runs = runs_for(samples.median(), Duration::from_secs(1)).max(samples.0.len());
    Ok((samples, runs))
}

/// A duration with three significant digits and a unit.
pub fn format_duration(d: Duration) -> String {
    let ns = d.as_nanos() as f64;
    let (value, unit) = if ns < 1e3 {
        (ns, "ns")
    } else if ns < 1e6 {
        (ns / 1e3, "us")
    } else if ns < 1e9 {
        (ns / 1e6, "ms")
    } else {
        (ns / 1e9, "s")
    };
    let digits = if value >= 100.0 {
        0
    } else if value >= 10.0 {
        1
    } else {
        2
    };
    format!("{value:.digits$} {unit}")
}

/// Bytes the decoded round-1 packages' commitments take: `(n - 1) * t`
/// elements (the vectors' headers and the proofs are not counted).
pub fn round1_commitment_bytes<S: Side>(t: u16, n: u16) -> usize {
    (usize::from(n) - 1) * usize::from(t) * std::mem::size_of::<S::Element>()
}

/// The process's peak resident set (`VmHWM`), where Linux tells it.
pub fn peak_rss_kib() -> Option<u64> {
    status_kib("VmHWM:")
}

/// A `/proc/self/status` field in KiB.
fn status_kib(field: &str) -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_format_round_trips_and_checks_parameters() {
        let inputs = Inputs::generate::<Ristretto255>(2, 3, false, 7).unwrap();
        let bytes = inputs.encode();
        assert_eq!(Inputs::decode(&bytes, "ristretto255", 2, 3, false, 7).unwrap(), inputs);
        assert!(Inputs::decode(&bytes, "ristretto255", 2, 4, false, 7).is_err());
        assert!(Inputs::decode(&bytes[..bytes.len() - 1], "ristretto255", 2, 3, false, 7).is_err());
    }

    fn both_sides_complete<S: Suite>(derived: bool) {
        let inputs = Inputs::generate::<S>(3, 5, derived, 1).unwrap();
        let ours = State::<S::Ours>::new(&inputs, true, true).unwrap();
        let theirs = State::<S::Theirs>::new(&inputs, true, true).unwrap();
        for step in STEPS {
            ours.sampler(step, 2).unwrap()().unwrap();
            theirs.sampler(step, 2).unwrap()().unwrap();
        }
    }

    #[test]
    fn every_step_runs_on_both_sides_of_every_suite() {
        both_sides_complete::<Ristretto255>(false);
        both_sides_complete::<Ristretto255>(true);
        both_sides_complete::<Ed25519>(false);
        both_sides_complete::<Secp256k1>(true);
        both_sides_complete::<P256>(false);
        both_sides_complete::<Ed448>(false);
    }

    #[test]
    fn runs_for_clamps() {
        assert_eq!(runs_for(Duration::from_secs(5), Duration::from_secs(1)), 1);
        assert_eq!(runs_for(Duration::from_millis(50), Duration::from_secs(1)), 20);
        assert_eq!(runs_for(Duration::from_millis(600), Duration::from_secs(1)), 2);
        assert_eq!(runs_for(Duration::from_millis(1), Duration::from_secs(1)), 1000);
        assert_eq!(runs_for(Duration::ZERO, Duration::from_secs(1)), 100_000);
    }
}
