//! Setup shared by the chapters' tests, which the book does not show:
//! key packages from a trusted dealer (the trusted-dealer chapter shows how).

use std::collections::BTreeMap;

use frost_ristretto255 as frost;

/// Key packages by identifier.
pub type KeyPackages = BTreeMap<frost::Identifier, frost::keys::KeyPackage>;

/// `min`-of-`max` dealer keys with identifiers `1..=max`, every share
/// checked into a key package.
pub fn dealer_keys(
    max: u16,
    min: u16,
) -> Result<(KeyPackages, frost::keys::PublicKeyPackage), frost::Error> {
    let (shares, public_key_package) = frost::keys::generate_with_dealer(
        max,
        min,
        frost::keys::IdentifierList::Default,
        &mut rand::rng(),
    )?;
    let key_packages = shares
        .into_iter()
        .map(|(id, share)| Ok((id, frost::keys::KeyPackage::try_from(share)?)))
        .collect::<Result<_, frost::Error>>()?;
    Ok((key_packages, public_key_package))
}
