//! The chapter's program on ristretto255.

// ANCHOR: use
use frost_ristretto255 as frost;
// ANCHOR_END: use

include!("sign_once.rs");

#[test]
fn signs_and_verifies() -> Result<(), frost::Error> {
    let signature = sign_once()?;
    assert_eq!(signature.serialize().len(), 64);
    Ok(())
}
