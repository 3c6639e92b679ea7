//! Writes the cross-curve DKG vectors: `cargo run -p frost-vectors`.
//!
//! `cargo run -q --release -p frost-vectors -- chilldkg-session` instead
//! replays one honest ChillDKG session read from stdin
//! (`{"t", "hostseckeys", "randoms", "auxRands"}`) and prints its messages and
//! outputs as JSON, for the comparison with the BIP's reference
//! (`scripts/compare-chilldkg.py`).
//!
//! `cargo run -q --release -p frost-vectors -- cocktail-session --suite SUITE
//! --t T --n N --seed HEX [--payloads]` prints one honest COCKTAIL-DKG
//! session as a single JSON case in the schema of the C2SP vectors (with a
//! `recovery` block for participant 1), derived from the seed as the
//! official vectors are; SUITE is ristretto255, ed25519, ed448, p256 or
//! secp256k1.

use std::io::Read;

fn main() -> std::io::Result<()> {
    if let Some(command) = std::env::args().nth(1) {
        if command == "cocktail-session" {
            let args: Vec<String> = std::env::args().skip(2).collect();
            match frost_vectors::cocktail_session(&args) {
                Ok(json) => println!("{json}"),
                Err(e) => {
                    eprintln!("cocktail-session: {e}");
                    std::process::exit(2);
                }
            }
            return Ok(());
        }
        if command != "chilldkg-session" {
            eprintln!("unknown command `{command}`; the commands are `chilldkg-session` and `cocktail-session`");
            std::process::exit(2);
        }
        let mut input = String::new();
        std::io::stdin().read_to_string(&mut input)?;
        match frost_core::testing::chilldkg::replay_session_json::<frost_secp256k1::Secp256K1Sha256>(&input) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("chilldkg-session: {e}");
                std::process::exit(1);
            }
        }
        return Ok(());
    }
    for (dir, files) in frost_vectors::sets() {
        std::fs::create_dir_all(&dir)?;
        for (suite, text) in files {
            let path = dir.join(format!("{suite}.json"));
            std::fs::write(&path, text)?;
            println!("wrote {}", path.display());
        }
    }
    Ok(())
}
