// Every package crosses the wire as bytes: `serialize()` gives frost-core
// 3.x's binary encoding, `deserialize()` checks it strictly, and with the
// `serde` feature the same packages read and write frost-core 3.x's JSON.
//
// Written once and run by every suite crate, each of which names itself
// `frost` and includes it: `cargo run --example serialize -p frost-ed25519`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut rng = rand::rng();
    let (shares, public_key_package) =
        frost::keys::generate_with_dealer(3, 2, frost::keys::IdentifierList::Default, &mut rng)?;
    let (id, share) = shares.into_iter().next().ok_or("no shares")?;
    let key_package = frost::keys::KeyPackage::try_from(share)?;

    // Binary: a secret package serializes into bytes that are zeroized on
    // drop; decoding validates every field.
    let bytes = key_package.serialize();
    let decoded = frost::keys::KeyPackage::deserialize(&bytes)?;
    if decoded != key_package {
        return Err("the key package changed in a binary round trip".into());
    }
    println!("key package of {}: {} bytes", hex::encode(id.serialize()), bytes.len());

    // Binary: a public package, and the refusal of a trailing byte.
    let mut bytes = public_key_package.serialize();
    let decoded = frost::keys::PublicKeyPackage::deserialize(&bytes)?;
    if decoded != public_key_package {
        return Err("the public key package changed in a binary round trip".into());
    }
    println!("public key package: {} bytes: {}", bytes.len(), hex::encode(&bytes));
    bytes.push(0);
    match frost::keys::PublicKeyPackage::deserialize(&bytes) {
        Err(e) => println!("with one trailing byte it is refused: {e}"),
        Ok(_) => return Err("a trailing byte was accepted".into()),
    }

    // JSON, in frost-core 3.x's shape.
    let (_nonces, commitments) = frost::round1::commit(key_package.signing_share(), &mut rng);
    let json = serde_json::to_string_pretty(&commitments)?;
    let decoded: frost::round1::SigningCommitments = serde_json::from_str(&json)?;
    if decoded != commitments {
        return Err("the commitments changed in a JSON round trip".into());
    }
    println!("signing commitments as JSON:\n{json}");
    Ok(())
}
