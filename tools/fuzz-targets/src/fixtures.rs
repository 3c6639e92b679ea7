//! The honest, seeded sessions the protocol targets start from, built once
//! per suite and cached in a `OnceLock` (a fuzzer calls a target millions of
//! times in one process).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use frost_core::keys::dkg::{self, round1, round2};
use frost_core::keys::{IdentifierList, KeyPackage, PublicKeyPackage, SecretShare};
use frost_core::round1::SigningNonces;
use frost_core::round2::SignatureShare;
use frost_core::testing::dkg::{others, received, round_one, round_two};
use frost_core::testing::rng;
use frost_core::{Ciphersuite, Identifier, Signature, SigningPackage};

/// A ciphersuite with cached fixtures.
pub trait Suite: Ciphersuite {
    /// The suite's name, as in [`crate::SUITES`].
    const NAME: &'static str;
    /// The suite's first input byte.
    const BYTE: u8;
    /// The fixtures, built on first use.
    fn fixtures() -> &'static Fixtures<Self>;
}

macro_rules! suite {
    ($ty:ty, $byte:expr) => {
        impl Suite for $ty {
            const NAME: &'static str = crate::SUITES[$byte as usize];
            const BYTE: u8 = $byte;
            fn fixtures() -> &'static Fixtures<Self> {
                static CELL: OnceLock<Fixtures<$ty>> = OnceLock::new();
                CELL.get_or_init(Fixtures::build)
            }
        }
    };
}

suite!(frost_ristretto255::Ristretto255Sha512, 0);
suite!(frost_ed25519::Ed25519Sha512, 1);
suite!(frost_secp256k1::Secp256K1Sha256, 2);
suite!(frost_p256::P256Sha256, 3);
suite!(frost_ed448::Ed448Shake256, 4);
suite!(frost_secp256k1_tr::Secp256K1Sha256TR, 5);

/// Everything the targets need for one suite.
pub struct Fixtures<C: Ciphersuite> {
    /// A 3-of-4 DKG, seen by participant 1.
    pub dkg: DkgFixture<C>,
    /// A 3-of-4 dealer key set and one honest signing session.
    pub signing: SigningFixture<C>,
}

/// A 3-of-4 DKG with identifiers 1..=4, as participant [`DkgFixture::me`] sees it.
pub struct DkgFixture<C: Ciphersuite> {
    /// The participant whose part2 and part3 the targets run (identifier 1).
    pub me: Identifier<C>,
    /// Its round-1 secret, encoded (the type is consumed by part2 and not `Clone`).
    pub round1_secret: Vec<u8>,
    /// The round-1 packages it receives, keyed by sender.
    pub round1_received: BTreeMap<Identifier<C>, round1::Package<C>>,
    /// The same, encoded.
    pub round1_received_bytes: BTreeMap<Identifier<C>, Vec<u8>>,
    /// Its round-2 secret, from part2.
    pub round2_secret: round2::SecretPackage<C>,
    /// The round-2 packages its part2 sends, keyed by recipient.
    pub round2_outgoing: BTreeMap<Identifier<C>, round2::Package<C>>,
    /// The round-2 packages it receives, keyed by sender.
    pub round2_received: BTreeMap<Identifier<C>, round2::Package<C>>,
    /// The same, encoded.
    pub round2_received_bytes: BTreeMap<Identifier<C>, Vec<u8>>,
    /// Its part3 result.
    pub key_package: KeyPackage<C>,
    /// The public key package everyone's part3 returns.
    pub public_key_package: PublicKeyPackage<C>,
}

/// A 3-of-4 dealer key set and one session signed by participants 1, 3, 4.
pub struct SigningFixture<C: Ciphersuite> {
    /// The dealer's shares.
    pub secret_shares: BTreeMap<Identifier<C>, SecretShare<C>>,
    /// Every participant's key package.
    pub key_packages: BTreeMap<Identifier<C>, KeyPackage<C>>,
    /// The public key package.
    pub public_key_package: PublicKeyPackage<C>,
    /// The honest signer of the `sign` target (identifier 3).
    pub signer: Identifier<C>,
    /// Its nonces for the session, persisted (`SigningNonces` is not `Clone`).
    pub nonces: Vec<u8>,
    /// The session's signing package.
    pub package: SigningPackage<C>,
    /// Every signer's honest signature share.
    pub shares: BTreeMap<Identifier<C>, SignatureShare<C>>,
    /// The aggregated signature.
    pub signature: Signature<C>,
}

/// The message of the signing fixture.
pub const MESSAGE: &[u8] = b"hostile input: nothing panics";

fn id<C: Ciphersuite>(n: u16) -> Identifier<C> {
    Identifier::try_from(n).expect("non-zero")
}

impl<C: Ciphersuite> Fixtures<C> {
    /// Builds the fixtures from fixed seeds.
    pub fn build() -> Self {
        Self {
            dkg: DkgFixture::build(),
            signing: SigningFixture::build(),
        }
    }
}

impl<C: Ciphersuite> DkgFixture<C> {
    fn build() -> Self {
        let ids: Vec<Identifier<C>> = (1..=4).map(id).collect();
        let me = ids[0];
        let (secrets, packages) = round_one(&ids, 3, 6);
        let round1_secret = secrets[&me].serialize().to_vec();
        let round1_received = others(&packages, me);
        let (mut secrets2, outgoing) = round_two(secrets, &packages);
        let round2_secret = secrets2.remove(&me).expect("own secret");
        let round2_received = received(&outgoing, me);
        let (key_package, public_key_package) =
            dkg::part3(&round2_secret, &round1_received, &round2_received).expect("honest part3");
        Self {
            me,
            round1_secret,
            round1_received_bytes: round1_received.iter().map(|(k, p)| (*k, p.serialize())).collect(),
            round1_received,
            round2_secret,
            round2_outgoing: outgoing[&me].clone(),
            round2_received_bytes: round2_received
                .iter()
                .map(|(k, p)| (*k, p.serialize().to_vec()))
                .collect(),
            round2_received,
            key_package,
            public_key_package,
        }
    }
}

impl<C: Ciphersuite> SigningFixture<C> {
    fn build() -> Self {
        let mut rng = rng(66);
        let (secret_shares, public_key_package) =
            frost_core::keys::generate_with_dealer(4, 3, IdentifierList::Default, &mut rng).expect("dealer");
        let key_packages: BTreeMap<_, _> = secret_shares
            .iter()
            .map(|(id, s)| (*id, KeyPackage::try_from(s.clone()).expect("valid share")))
            .collect();
        let signers = [id::<C>(1), id(3), id(4)];
        let signer = signers[1];
        let mut nonces = BTreeMap::new();
        let mut commitments = BTreeMap::new();
        for s in signers {
            let (n, c) = frost_core::round1::commit(key_packages[&s].signing_share(), &mut rng);
            nonces.insert(s, n);
            commitments.insert(s, c);
        }
        let package = SigningPackage::new(commitments, MESSAGE);
        let persisted = nonces.remove(&signer).expect("signer's nonces").persist().to_vec();
        nonces.insert(signer, SigningNonces::restore(&persisted).expect("restore"));
        let shares: BTreeMap<_, _> = nonces
            .into_iter()
            .map(|(s, n)| {
                let share = frost_core::round2::sign(&package, n, &key_packages[&s]).expect("honest sign");
                (s, share)
            })
            .collect();
        let signature = frost_core::aggregate(&package, &shares, &public_key_package).expect("honest aggregate");
        Self {
            secret_shares,
            key_packages,
            public_key_package,
            signer,
            nonces: persisted,
            package,
            shares,
            signature,
        }
    }
}
