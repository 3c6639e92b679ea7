//! The chapter's program on Ed25519: only the `use` line differs.

// ANCHOR: use
use frost_ed25519 as frost;
// ANCHOR_END: use

include!("sign_once.rs");

#[test]
fn signs_and_verifies() -> Result<(), frost::Error> {
    let signature = sign_once()?;
    assert_eq!(signature.serialize().len(), 64);
    Ok(())
}
