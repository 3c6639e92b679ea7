//! The one error type of the crate family.
//!
//! Every variant that another participant can cause names that participant,
//! so an application can say "participant 7 sent an invalid share" without
//! parsing strings: [`Error::culprits`] lists them. Variants caused by the
//! caller's own input, or by a coordinator (who has no identifier), carry no
//! culprit and say so in their documentation.

use alloc::vec::Vec;
use core::fmt;

use crate::{Ciphersuite, Identifier};

/// What was wrong with a byte string handed to a `deserialize` function.
///
/// Decoding cannot know who sent the bytes; [`Error::Decode`] adds the sender
/// when a whole map of received messages is decoded at once.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The input ended before the message was complete.
    Truncated,
    /// Bytes remain after a complete message.
    TrailingBytes,
    /// The format version byte is not one this library reads.
    UnsupportedVersion(u8),
    /// The header names another ciphersuite.
    WrongCiphersuite,
    /// A length or integer is not in its minimal varint form, or overflows.
    InvalidVarint,
    /// A scalar encoding is not canonical (not reduced modulo the group order).
    MalformedScalar,
    /// An element encoding is not canonical, or not in the prime-order group.
    MalformedElement,
    /// An element is the identity where the protocol forbids it.
    IdentityElement,
    /// A map's keys are not strictly increasing (duplicated or unordered).
    UnorderedMapKeys,
    /// A zero identifier.
    ZeroIdentifier,
    /// A boolean or option tag that is neither 0 nor 1.
    InvalidTag,
    /// A count or value outside what the protocol allows.
    InvalidValue,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            DecodeError::Truncated => "input is truncated",
            DecodeError::TrailingBytes => "trailing bytes after the message",
            DecodeError::UnsupportedVersion(_) => "unsupported format version",
            DecodeError::WrongCiphersuite => "message belongs to another ciphersuite",
            DecodeError::InvalidVarint => "non-minimal or overflowing varint",
            DecodeError::MalformedScalar => "non-canonical scalar encoding",
            DecodeError::MalformedElement => "invalid group element encoding",
            DecodeError::IdentityElement => "identity element where it is forbidden",
            DecodeError::UnorderedMapKeys => "map keys duplicated or out of order",
            DecodeError::ZeroIdentifier => "identifier is zero",
            DecodeError::InvalidTag => "invalid tag byte",
            DecodeError::InvalidValue => "value out of range",
        };
        if let DecodeError::UnsupportedVersion(v) = self {
            write!(f, "{text} {v}")
        } else {
            f.write_str(text)
        }
    }
}

impl core::error::Error for DecodeError {}

/// Errors of key generation, signing, aggregation and decoding.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error<C: Ciphersuite> {
    /// `min_signers` is below 2 (caller's input; the RFC allows 1, we do not).
    InvalidMinSigners,
    /// `max_signers` is below `min_signers` (caller's input).
    InvalidMaxSigners,
    /// A supplied identifier list does not have `max_signers` entries (caller's input).
    IncorrectNumberOfIdentifiers,
    /// An identifier is zero: as a Shamir evaluation point it would reveal the secret.
    ZeroIdentifier,
    /// The same identifier appears twice in a caller-supplied list.
    DuplicatedIdentifier {
        /// The repeated identifier.
        identifier: Identifier<C>,
    },
    /// A signer's own commitment is missing from the signing package (the
    /// coordinator built a package without it).
    MissingOwnCommitment,
    /// The signing package holds a different commitment for this signer than
    /// the one its nonces produce (the coordinator altered it, or the nonces
    /// belong to another session).
    IncorrectOwnCommitment,
    /// A participant's nonce commitment, or a DKG polynomial commitment, is
    /// the identity element.
    IdentityCommitment {
        /// Every participant with such a commitment, in identifier order.
        culprits: Vec<Identifier<C>>,
    },
    /// Fewer commitments (or key packages) than `min_signers`.
    TooFewSigners {
        /// The threshold.
        min_signers: u16,
        /// How many were supplied.
        got: usize,
    },
    /// The group commitment `R` is the identity, which the signers' commitments
    /// can only produce by collusion; nobody can be singled out.
    IdentityGroupCommitment,
    /// These participants' signature shares do not verify.
    InvalidSignatureShare {
        /// Every signer whose share failed, in identifier order.
        culprits: Vec<Identifier<C>>,
    },
    /// These participants committed but sent no signature share.
    MissingSignatureShare {
        /// The signers that are missing, in identifier order.
        culprits: Vec<Identifier<C>>,
    },
    /// These participants sent a signature share without being in the signing package.
    UnexpectedSignatureShare {
        /// The unexpected senders, in identifier order.
        culprits: Vec<Identifier<C>>,
    },
    /// The public key package has no verifying share for this signer.
    UnknownParticipant {
        /// The signer with no verifying share.
        culprit: Identifier<C>,
    },
    /// A signature does not verify against the verifying key.
    InvalidSignature,
    /// Batch verification: the signatures at these positions (in queue
    /// order) are invalid. If the list is empty the batch failed although
    /// every signature verifies alone, which only a broken RNG explains.
    InvalidBatchSignatures {
        /// Positions of the invalid signatures.
        indices: Vec<usize>,
    },
    /// The aggregate signature does not verify although every signature share
    /// does: the signing package or the public key package given to
    /// `aggregate` is inconsistent (for example, shares from fewer than the
    /// real threshold). No participant can be blamed.
    UnattributableSignatureFailure,
    /// Secret shares inconsistent with the commitments they came with.
    InvalidSecretShare {
        /// Every DKG participant whose share failed, in identifier order;
        /// empty when the share came from a trusted dealer.
        culprits: Vec<Identifier<C>>,
    },
    /// DKG: the number of received packages is not `max_signers - 1`.
    IncorrectNumberOfPackages {
        /// `max_signers - 1`.
        expected: usize,
        /// How many were supplied.
        got: usize,
    },
    /// DKG: the caller's own identifier is among the received packages (the
    /// maps hold the other participants' packages only).
    OwnIdentifierInPackages,
    /// DKG: these participants sent a round-1 package but no round-2 package.
    MissingPackage {
        /// The participants whose round-2 package is missing.
        culprits: Vec<Identifier<C>>,
    },
    /// DKG: these participants sent a round-2 package without a round-1 package.
    UnexpectedPackage {
        /// The unexpected senders.
        culprits: Vec<Identifier<C>>,
    },
    /// DKG: a commitment whose length is not `min_signers`. A longer one
    /// would silently raise the threshold, a shorter one lower it.
    IncorrectCommitmentLength {
        /// Every sender of a commitment of the wrong length, in identifier order.
        culprits: Vec<Identifier<C>>,
        /// `min_signers`, the length every commitment must have.
        expected: usize,
    },
    /// DKG: proofs of knowledge of the secret constant term that do not verify.
    InvalidProofOfKnowledge {
        /// Every participant whose proof failed, in identifier order.
        culprits: Vec<Identifier<C>>,
    },
    /// DKG: part3 received round-1 packages whose senders, commitment
    /// lengths, constant terms or proofs differ from those part2 verified.
    /// (A change to a higher coefficient alone is indistinguishable from a
    /// sender that broadcast inconsistently; comparing
    /// `dkg::round1::transcript_digest` out of band is what detects that.)
    Round1PackagesChanged,
    /// A key package's verifying share does not match its signing share, or it
    /// disagrees with its public key package (corrupted storage).
    InconsistentKeyPackage,
    /// A public key package's verifying shares do not interpolate to its
    /// verifying key, or key packages disagree on the verifying key.
    InconsistentPublicKeyPackage,
    /// Reconstruction produced a key that does not match the group key.
    InvalidReconstruction,
    /// Share repair: fewer helpers than `min_signers` (caller's input): the
    /// helpers' shares would not determine the lost one.
    TooFewHelpers {
        /// The threshold.
        min_signers: u16,
        /// How many helpers were listed.
        got: usize,
    },
    /// Share repair: the helper set does not include the helper running this
    /// step (caller's input).
    NotAHelper,
    /// Share repair: the participant being repaired is listed among its own
    /// helpers (caller's input); a participant that still has its share has
    /// nothing to repair.
    RepairedParticipantIsHelper,
    /// Share repair: these helpers are in the helper set but sent no value
    /// (delta or sigma).
    MissingRepairValue {
        /// The helpers whose value is missing, in identifier order.
        culprits: Vec<Identifier<C>>,
    },
    /// Share repair: these senders sent a value (delta or sigma) without
    /// being in the helper set.
    UnexpectedRepairValue {
        /// The unexpected senders, in identifier order.
        culprits: Vec<Identifier<C>>,
    },
    /// Share repair: the repaired share does not match the participant's
    /// verifying share in the public key package. Some helper sent a wrong
    /// delta or sigma (or the helpers' key packages do not belong to this
    /// public key package); the values are random sums, so the protocol
    /// cannot tell which helper: no culprit can be named.
    InvalidRepairedShare,
    /// Share refresh: refresh commitments whose constant term is not the
    /// identity, which would change the group key. In a DKG refresh, where
    /// the constant term is implicit, a commitment with `min_signers`
    /// coefficients (one too many) carries one; the same length also fits a
    /// refresh with a threshold one higher, which is refused all the same.
    NonZeroRefreshConstant {
        /// Every DKG participant that sent one, in identifier order; empty
        /// when the share came from a trusted dealer.
        culprits: Vec<Identifier<C>>,
    },
    /// A key-generation secret package given to a refresh step, or a refresh
    /// one to a key-generation step (caller's input).
    ProtocolMismatch,
    /// Share refresh: the refresh would change the threshold, which refresh
    /// cannot do (run a new key generation instead).
    MinSignersChanged {
        /// The threshold of the keys being refreshed.
        expected: u16,
        /// The threshold the refresh material carries.
        got: u16,
    },
    /// Resharing: the caller's key package is not one of the dealer set's
    /// (caller's input).
    NotADealer,
    /// Resharing: the caller's identifier is not one of the new identifiers
    /// (caller's input).
    NotANewMember,
    /// Resharing: dealers whose commitment's constant term is not
    /// `lambda_i * Y_i`, their Lagrange coefficient in the dealer set times
    /// their current verifying share: they did not share their own share.
    InvalidReshareConstant {
        /// Every such dealer, in identifier order.
        culprits: Vec<Identifier<C>>,
    },
    /// A key tweak (BIP341 Taproot) is unusable: its hash is not below the
    /// group order, or the tweaked key is the identity. Happens with
    /// negligible probability for honestly generated keys; the caller's
    /// input, no participant is to blame.
    InvalidTweak,
    /// Standalone DKG (ChillDKG): this participant deviated from the protocol.
    /// Raised by the coordinator, which sees the participant's own message.
    FaultyParticipant {
        /// The participant at fault.
        culprit: Identifier<C>,
    },
    /// Standalone DKG: either this participant or the coordinator (who may
    /// have framed it) deviated from the protocol. Raised by a participant.
    FaultyParticipantOrCoordinator {
        /// The suspected participant.
        culprit: Identifier<C>,
    },
    /// Standalone DKG: the coordinator deviated from the protocol (no
    /// participant is to blame).
    FaultyCoordinator,
    /// Standalone DKG: some other participant or the coordinator is faulty,
    /// and only an investigation (with the coordinator's investigation
    /// message) can name a suspect.
    UnknownFault,
    /// Standalone DKG: the threshold or the number of host keys is out of
    /// range (`1 <= t <= n <= 65535`; caller's input).
    InvalidThresholdOrCount,
    /// Standalone DKG: the host public key at this position is not a valid
    /// key.
    InvalidHostPublicKey {
        /// The participant whose host key is invalid.
        culprit: Identifier<C>,
    },
    /// Standalone DKG: two positions hold the same host public key; at least
    /// one of the two participants is faulty.
    DuplicateHostPublicKey {
        /// The first position holding the key.
        first: Identifier<C>,
        /// The second position holding the key.
        second: Identifier<C>,
    },
    /// Standalone DKG: the host secret key is not a valid secret key (caller's
    /// input).
    InvalidHostSecretKey,
    /// Standalone DKG: the host secret key's public key is not in the session
    /// (or is not the one used in the earlier step; caller's input).
    HostKeyNotInSession,
    /// Standalone DKG: the supplied randomness is all zero bytes, a sign of a
    /// broken random number generator (caller's input).
    ZeroRandomness,
    /// Standalone DKG: recovery data that does not decode, names invalid
    /// session parameters, or carries an invalid certificate.
    InvalidRecoveryData,
    /// Standalone DKG: this participant's recovery acknowledgment does not
    /// verify. The DKG itself succeeded; only the participant's copy of the
    /// recovery data is unconfirmed.
    InvalidRecoveryAck {
        /// The participant whose acknowledgment is invalid.
        culprit: Identifier<C>,
    },
    /// Standalone DKG: a list of messages whose length is not the number of
    /// participants (caller's input).
    IncorrectNumberOfMessages {
        /// The number of participants.
        expected: usize,
        /// How many messages were supplied.
        got: usize,
    },
    /// ROAST coordinator: more than `n - t` signers misbehaved, so fewer
    /// than `t` honest signers remain and no session can succeed.
    TooManyMaliciousSigners {
        /// Every signer marked malicious, in identifier order.
        culprits: Vec<Identifier<C>>,
    },
    /// ROAST signer: a session start for a session this signer has already
    /// answered, or an older one (the coordinator sent it again). Nothing
    /// was signed; the coordinator's doing, no participant is blamed.
    SessionAlreadySigned,
    /// ROAST signer: the session's message is not the one this signer agreed
    /// to sign. Nothing was signed; the coordinator's doing, no participant
    /// is blamed.
    WrongMessage,
    /// ROAST signer: no nonces are pending, because the run is over (`Done`)
    /// or a signing failed after consuming them.
    NoPendingNonces,
    /// Re-randomized signing: the randomizer seed does not have the length
    /// `RandomizedParams::new_from_commitments` draws (the suite's scalar
    /// length): it is missing, truncated or padded. The coordinator sent it,
    /// and a coordinator has no identifier.
    InvalidRandomizerSeed {
        /// The suite's scalar length.
        expected: usize,
        /// The length received.
        got: usize,
    },
    /// Re-randomized signing: the `RandomizedParams` were made for another
    /// group key than the key package or public key package given with them
    /// (caller's input). Refused before any share is checked, so that honest
    /// signers are not blamed for shares that could not verify.
    RandomizedParamsMismatch,
    /// Bytes refused by a decoder; `culprit` is the sender when the bytes were
    /// decoded as part of a map of received messages.
    Decode {
        /// What was wrong with the bytes.
        error: DecodeError,
        /// Who sent them, when known.
        culprit: Option<Identifier<C>>,
    },
}

impl<C: Ciphersuite> Error<C> {
    /// Every participant this error blames, in identifier order; empty when
    /// the error was not caused by an identifiable participant (the caller's
    /// own input, a coordinator, or a failure nobody can be blamed for, which
    /// the variant's documentation and message say explicitly).
    ///
    /// ```
    /// # use frost_core::Error;
    /// fn report<C: frost_core::Ciphersuite>(err: &Error<C>) {
    ///     for culprit in err.culprits() {
    ///         eprintln!("participant {culprit} misbehaved: {err}");
    ///     }
    /// }
    /// ```
    pub fn culprits(&self) -> Vec<Identifier<C>> {
        match self {
            Error::UnknownParticipant { culprit } => alloc::vec![*culprit],
            Error::IdentityCommitment { culprits } | Error::IncorrectCommitmentLength { culprits, .. } => {
                culprits.clone()
            }
            Error::InvalidSignatureShare { culprits }
            | Error::MissingSignatureShare { culprits }
            | Error::UnexpectedSignatureShare { culprits }
            | Error::InvalidSecretShare { culprits }
            | Error::MissingPackage { culprits }
            | Error::UnexpectedPackage { culprits }
            | Error::InvalidProofOfKnowledge { culprits }
            | Error::MissingRepairValue { culprits }
            | Error::UnexpectedRepairValue { culprits }
            | Error::NonZeroRefreshConstant { culprits }
            | Error::InvalidReshareConstant { culprits } => culprits.clone(),
            Error::TooManyMaliciousSigners { culprits } => culprits.clone(),
            Error::Decode { culprit, .. } => culprit.iter().copied().collect(),
            Error::FaultyParticipant { culprit }
            | Error::FaultyParticipantOrCoordinator { culprit }
            | Error::InvalidHostPublicKey { culprit }
            | Error::InvalidRecoveryAck { culprit } => alloc::vec![*culprit],
            Error::DuplicateHostPublicKey { first, second } => alloc::vec![*first, *second],
            _ => Vec::new(),
        }
    }

    /// Whether the coordinator of a standalone DKG may be at fault: true for
    /// [`Error::FaultyCoordinator`], [`Error::FaultyParticipantOrCoordinator`]
    /// and [`Error::UnknownFault`].
    pub fn blames_coordinator(&self) -> bool {
        matches!(
            self,
            Error::FaultyCoordinator | Error::FaultyParticipantOrCoordinator { .. } | Error::UnknownFault
        )
    }

    /// What was wrong with refused bytes, for a [`Error::Decode`].
    pub fn decode_error(&self) -> Option<DecodeError> {
        match self {
            Error::Decode { error, .. } => Some(*error),
            _ => None,
        }
    }

    /// Attaches the sender to a decoding error.
    pub(crate) fn with_sender(self, sender: Identifier<C>) -> Self {
        match self {
            Error::Decode { error, .. } => Error::Decode {
                error,
                culprit: Some(sender),
            },
            other => other,
        }
    }
}

impl<C: Ciphersuite> From<DecodeError> for Error<C> {
    fn from(error: DecodeError) -> Self {
        Error::Decode { error, culprit: None }
    }
}

/// Identifiers for a message: `2, 4 and 7`.
struct List<'a, C: Ciphersuite>(&'a [Identifier<C>]);

impl<C: Ciphersuite> fmt::Display for List<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, id) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(if i + 1 == self.0.len() { " and " } else { ", " })?;
            }
            write!(f, "{id}")?;
        }
        Ok(())
    }
}

impl<C: Ciphersuite> fmt::Debug for Error<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The Display text plus the culprits is all an error holds; no secret
        // ever enters an error value.
        write!(f, "Error({self}")?;
        let culprits = self.culprits();
        if !culprits.is_empty() {
            write!(f, "; culprits {culprits:?}")?;
        }
        f.write_str(")")
    }
}

impl<C: Ciphersuite> fmt::Display for Error<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidMinSigners => f.write_str("min_signers must be at least 2"),
            Error::InvalidMaxSigners => f.write_str("max_signers must be at least min_signers"),
            Error::IncorrectNumberOfIdentifiers => f.write_str("the identifier list must have max_signers entries"),
            Error::ZeroIdentifier => f.write_str("identifier must not be zero"),
            Error::DuplicatedIdentifier { identifier } => write!(f, "identifier {identifier} appears twice"),
            Error::MissingOwnCommitment => f.write_str("the signing package lacks this signer's commitment"),
            Error::IncorrectOwnCommitment => f.write_str("the signing package alters this signer's commitment"),
            Error::IdentityCommitment { culprits } => {
                write!(f, "participants {} committed to the identity element", List(culprits))
            }
            Error::TooFewSigners { min_signers, got } => {
                write!(f, "{got} signers, fewer than the threshold {min_signers}")
            }
            Error::IdentityGroupCommitment => {
                f.write_str("the group commitment is the identity; no single participant can be blamed")
            }
            Error::InvalidSignatureShare { culprits } => write!(f, "invalid signature share from {}", List(culprits)),
            Error::MissingSignatureShare { culprits } => write!(f, "no signature share from {}", List(culprits)),
            Error::UnexpectedSignatureShare { culprits } => {
                write!(f, "signature share from non-signers {}", List(culprits))
            }
            Error::UnknownParticipant { culprit } => {
                write!(f, "no verifying share for participant {culprit}")
            }
            Error::InvalidSignature => f.write_str("invalid signature"),
            Error::InvalidBatchSignatures { indices } => write!(f, "invalid signatures at positions {indices:?}"),
            Error::UnattributableSignatureFailure => {
                f.write_str("aggregate signature invalid although every share verifies; no participant can be blamed")
            }
            Error::InvalidSecretShare { culprits } if culprits.is_empty() => {
                f.write_str("invalid secret share from the dealer")
            }
            Error::InvalidSecretShare { culprits } => write!(f, "invalid secret share from {}", List(culprits)),
            Error::IncorrectNumberOfPackages { expected, got } => {
                write!(f, "{got} packages received, expected {expected}")
            }
            Error::OwnIdentifierInPackages => f.write_str("own identifier among the received packages"),
            Error::MissingPackage { culprits } => write!(f, "no round-2 package from {}", List(culprits)),
            Error::UnexpectedPackage { culprits } => write!(f, "unexpected round-2 package from {}", List(culprits)),
            Error::IncorrectCommitmentLength { culprits, expected } => {
                write!(
                    f,
                    "commitments from {} do not have {expected} coefficients",
                    List(culprits)
                )
            }
            Error::InvalidProofOfKnowledge { culprits } => {
                write!(f, "invalid proof of knowledge from {}", List(culprits))
            }
            Error::Round1PackagesChanged => f.write_str("round-1 packages differ between part2 and part3"),
            Error::InconsistentKeyPackage => f.write_str("key package is internally inconsistent"),
            Error::InconsistentPublicKeyPackage => f.write_str("public key package is inconsistent"),
            Error::InvalidReconstruction => f.write_str("reconstructed key does not match the group key"),
            Error::TooFewHelpers { min_signers, got } => {
                write!(f, "{got} helpers, fewer than the threshold {min_signers}")
            }
            Error::NotAHelper => f.write_str("the helper set does not include this helper"),
            Error::RepairedParticipantIsHelper => {
                f.write_str("the participant being repaired is listed among its helpers")
            }
            Error::MissingRepairValue { culprits } => write!(f, "no repair value from helpers {}", List(culprits)),
            Error::UnexpectedRepairValue { culprits } => {
                write!(f, "repair value from non-helpers {}", List(culprits))
            }
            Error::InvalidRepairedShare => f.write_str(
                "the repaired share does not match the participant's verifying share; \
                 a helper sent a wrong value, and which one cannot be determined",
            ),
            Error::NonZeroRefreshConstant { culprits } if culprits.is_empty() => {
                f.write_str("the dealer's refresh commitment has a non-identity constant term")
            }
            Error::NonZeroRefreshConstant { culprits } => {
                write!(
                    f,
                    "refresh commitments from {} carry a non-identity constant term (one coefficient too many)",
                    List(culprits)
                )
            }
            Error::ProtocolMismatch => {
                f.write_str("a DKG secret package used for a refresh step, or a refresh one for a DKG step")
            }
            Error::MinSignersChanged { expected, got } => {
                write!(f, "refresh would change the threshold from {expected} to {got}")
            }
            Error::NotADealer => f.write_str("this key package's holder is not in the reshare's dealer set"),
            Error::NotANewMember => f.write_str("this identifier is not one of the reshare's new identifiers"),
            Error::InvalidReshareConstant { culprits } => write!(
                f,
                "reshare commitments from {} do not commit to the dealer's own weighted share",
                List(culprits)
            ),
            Error::InvalidTweak => f.write_str("the key tweak is out of range or cancels the key"),
            Error::FaultyParticipant { culprit } => write!(f, "participant {culprit} deviated from the protocol"),
            Error::FaultyParticipantOrCoordinator { culprit } => {
                write!(f, "participant {culprit} or the coordinator deviated from the protocol")
            }
            Error::FaultyCoordinator => f.write_str("the coordinator deviated from the protocol"),
            Error::UnknownFault => f.write_str(
                "an unknown participant or the coordinator deviated from the protocol; \
                 an investigation can name a suspect",
            ),
            Error::InvalidThresholdOrCount => f.write_str("the session needs 1 <= t <= n <= 65535"),
            Error::InvalidHostPublicKey { culprit } => write!(f, "the host public key of {culprit} is invalid"),
            Error::DuplicateHostPublicKey { first, second } => {
                write!(f, "participants {first} and {second} have the same host public key")
            }
            Error::InvalidHostSecretKey => f.write_str("invalid host secret key"),
            Error::HostKeyNotInSession => f.write_str("the host secret key does not belong to this session position"),
            Error::ZeroRandomness => f.write_str("the randomness is all zeros (broken random number generator?)"),
            Error::InvalidRecoveryData => f.write_str("invalid recovery data"),
            Error::InvalidRecoveryAck { culprit } => {
                write!(f, "the recovery acknowledgment of {culprit} does not verify")
            }
            Error::IncorrectNumberOfMessages { expected, got } => {
                write!(f, "{got} messages supplied, expected one per participant ({expected})")
            }
            Error::TooManyMaliciousSigners { culprits } => write!(
                f,
                "signers {} misbehaved, more than n - t: fewer than t honest signers remain",
                List(culprits)
            ),
            Error::SessionAlreadySigned => f.write_str("the coordinator asked again for a session already signed"),
            Error::WrongMessage => f.write_str("the session's message is not the one this signer agreed to sign"),
            Error::NoPendingNonces => f.write_str("no nonces pending: the signing run is over"),
            Error::InvalidRandomizerSeed { expected, got } => {
                write!(f, "randomizer seed of {got} bytes, expected {expected}")
            }
            Error::RandomizedParamsMismatch => f.write_str("the randomized parameters belong to another group key"),
            Error::Decode {
                error,
                culprit: Some(c),
            } => write!(f, "bytes from {c} refused: {error}"),
            Error::Decode { error, culprit: None } => write!(f, "bytes refused: {error}"),
        }
    }
}

impl<C: Ciphersuite> core::error::Error for Error<C> {}
