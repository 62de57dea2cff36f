//! ARCHITECTURE.md shows each stage with what it reads and writes: the table there is the
//! one the pipeline itself declares.

#[test]
fn architecture_md_lists_the_stages_as_the_pipeline_declares_them() {
    let pipeline = dateline_nlp::Pipeline::new().unwrap();
    let table = pipeline.stage_table();
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../ARCHITECTURE.md"
    ))
    .unwrap();
    assert!(
        doc.contains(&table),
        "ARCHITECTURE.md is out of date; its stage table should read:\n{table}"
    );
}
