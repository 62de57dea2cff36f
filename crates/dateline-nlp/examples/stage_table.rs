//! Prints the pipeline's stage table (the one in ARCHITECTURE.md): `cargo run -p dateline-nlp --example stage_table`.

fn main() {
    print!("{}", dateline_nlp::Pipeline::new().unwrap().stage_table());
}
