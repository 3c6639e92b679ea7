//! Replays an RFC 9591 Appendix E test vector byte for byte.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use serde_json::Value;

use crate::keys::{IdentifierList, KeyPackage};
use crate::{Ciphersuite, Group, Identifier, SigningKey, SigningPackage};

fn hex_field(v: &Value, key: &str) -> Vec<u8> {
    let s = v[key].as_str().unwrap_or_else(|| panic!("vector field {key} missing"));
    hex::decode(s).expect("vector field is hex")
}

fn id_field<C: Ciphersuite>(v: &Value) -> Identifier<C> {
    let n = v["identifier"].as_u64().expect("identifier is a number");
    Identifier::try_from(u16::try_from(n).expect("small identifier")).expect("non-zero identifier")
}

fn scalar<C: Ciphersuite>(bytes: &[u8]) -> crate::Scalar<C> {
    C::Group::deserialize_scalar(bytes).expect("canonical scalar in vector")
}

/// Checks every intermediate value of the vector: shares from the polynomial,
/// nonces from the given randomness, commitments, binding-factor inputs and
/// factors, signature shares, and the final signature.
pub fn check_rfc_vector<C: Ciphersuite>(json: &str) {
    let v: Value = serde_json::from_str(json).expect("vector is JSON");
    let inputs = &v["inputs"];
    let max: u16 = v["config"]["MAX_PARTICIPANTS"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("MAX_PARTICIPANTS");
    let min: u16 = v["config"]["MIN_PARTICIPANTS"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("MIN_PARTICIPANTS");
    let message = hex_field(inputs, "message");

    // Key generation from the fixed polynomial.
    let key = SigningKey::<C>::deserialize(&hex_field(inputs, "group_secret_key")).expect("group secret key");
    // frost-* 3.0's large-identifier vectors name the field `verifying_key_key`.
    let public_key_field = if inputs.get("group_public_key").is_some() {
        "group_public_key"
    } else {
        "verifying_key_key"
    };
    assert_eq!(
        key.verifying_key().serialize(),
        hex_field(inputs, public_key_field),
        "group public key"
    );
    let coefficients: Vec<_> = inputs["share_polynomial_coefficients"]
        .as_array()
        .expect("coefficients")
        .iter()
        .map(|c| scalar::<C>(&hex::decode(c.as_str().expect("hex")).expect("hex")))
        .collect();
    assert_eq!(coefficients.len() + 1, usize::from(min));
    let (shares, public_key_package) =
        crate::keys::split_with_coefficients(&key, &coefficients, max, IdentifierList::Default).expect("split");
    assert_eq!(public_key_package.verifying_key(), &key.verifying_key());
    let mut key_packages = BTreeMap::new();
    for expected in inputs["participant_shares"].as_array().expect("participant shares") {
        let id = id_field::<C>(expected);
        let share = &shares[&id];
        assert_eq!(
            *share.signing_share().serialize(),
            hex_field(expected, "participant_share"),
            "share of {id:?}"
        );
        key_packages.insert(id, KeyPackage::try_from(share.clone()).expect("valid share"));
    }

    // Round one from the given randomness.
    let round_one = v["round_one_outputs"]["outputs"].as_array().expect("round one");
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for out in round_one {
        let id = id_field::<C>(out);
        let hiding: [u8; 32] = hex_field(out, "hiding_nonce_randomness").try_into().expect("32 bytes");
        let binding: [u8; 32] = hex_field(out, "binding_nonce_randomness").try_into().expect("32 bytes");
        let (n, c) = crate::round1::commit_with_randomness(key_packages[&id].signing_share(), &hiding, &binding);
        assert_eq!(
            n.hiding().serialize(),
            hex_field(out, "hiding_nonce"),
            "hiding nonce of {id:?}"
        );
        assert_eq!(
            n.binding().serialize(),
            hex_field(out, "binding_nonce"),
            "binding nonce of {id:?}"
        );
        assert_eq!(c.hiding().serialize(), hex_field(out, "hiding_nonce_commitment"));
        assert_eq!(c.binding().serialize(), hex_field(out, "binding_nonce_commitment"));
        nonces.insert(id, n);
        commitments.insert(id, c);
    }
    let participant_list: Vec<u64> = inputs["participant_list"]
        .as_array()
        .expect("participant list")
        .iter()
        .map(|x| x.as_u64().expect("number"))
        .collect();
    assert_eq!(participant_list.len(), commitments.len());

    let signing_package = SigningPackage::new(commitments, &message);
    let vk = public_key_package.verifying_key();
    let inputs_by_id: BTreeMap<_, _> = signing_package.binding_factor_inputs(vk).into_iter().collect();
    let factors_by_id: BTreeMap<_, _> = signing_package.binding_factor_bytes(vk).into_iter().collect();
    for out in round_one {
        let id = id_field::<C>(out);
        assert_eq!(
            inputs_by_id[&id],
            hex_field(out, "binding_factor_input"),
            "binding factor input of {id:?}"
        );
        assert_eq!(
            factors_by_id[&id],
            hex_field(out, "binding_factor"),
            "binding factor of {id:?}"
        );
    }

    // Round two and aggregation.
    let mut signature_shares = BTreeMap::new();
    for out in v["round_two_outputs"]["outputs"].as_array().expect("round two") {
        let id = id_field::<C>(out);
        let n = nonces.remove(&id).expect("nonces from round one");
        let share = crate::round2::sign(&signing_package, n, &key_packages[&id]).expect("sign");
        assert_eq!(
            share.serialize(),
            hex_field(out, "sig_share"),
            "signature share of {id:?}"
        );
        signature_shares.insert(id, share);
    }
    let signature = crate::aggregate(&signing_package, &signature_shares, &public_key_package).expect("aggregate");
    assert_eq!(
        hex::encode(signature.serialize()),
        String::from(v["final_output"]["sig"].as_str().expect("sig")),
        "final signature"
    );
    vk.verify(&message, &signature).expect("signature verifies");
}
