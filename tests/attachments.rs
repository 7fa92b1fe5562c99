//! Attachments: copied into the data folder under their content hash, referenced from the
//! database, read back checked; refusals write no row.

mod common;

use common::*;
use zhibu::attachments::{self, AttachmentOwner};
use zhibu::sessions::{self, AttendanceStatus, SessionInput};
use zhibu::{Error, Reason};

fn a_session(db: &zhibu::Db) -> String {
    let input = SessionInput {
        kind: "theme_day".into(),
        held_on: "2026-11-15".into(),
        others: Some(AttendanceStatus::Present),
        ..Default::default()
    };
    db.write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap()
        .id
}

fn rows(db: &zhibu::Db) -> i64 {
    db.read(|c| Ok(c.query_row("SELECT count(*) FROM attachment", [], |r| r.get(0))?))
        .unwrap()
}

#[test]
fn a_file_is_stored_once_under_its_hash_and_read_back() {
    let (_dir, path, db) = demo_db();
    let session = a_session(&db);
    let files = attachments::files_dir(&path);
    let photo = b"\xff\xd8\xff\xe0 not really a jpeg".to_vec();
    let add = |name: &str| {
        db.write(|tx| {
            attachments::add(
                tx,
                &files,
                AttachmentOwner::Session,
                &session,
                name,
                &photo,
                ACTOR,
            )
        })
    };
    let first = add("D:\\活动照片\\主题党日.JPG").unwrap();
    assert_eq!(first.file_name, "主题党日.JPG");
    assert_eq!(first.mime, "image/jpeg");
    assert_eq!(first.size, photo.len() as u64);
    let stored = files.join(&first.sha256[..2]).join(&first.sha256);
    assert_eq!(std::fs::read(&stored).unwrap(), photo);

    let second = add("签到表.jpg").unwrap();
    assert_eq!(second.sha256, first.sha256);
    let copies = std::fs::read_dir(stored.parent().unwrap()).unwrap().count();
    assert_eq!(copies, 1, "the same content is kept once");

    let list = db
        .read(|c| attachments::list(c, AttachmentOwner::Session, &session))
        .unwrap();
    assert_eq!(list.len(), 2);
    let (meta, bytes) = db
        .read(|c| attachments::read(c, &files, &first.id))
        .unwrap();
    assert_eq!((meta.id, bytes), (first.id.clone(), photo.clone()));

    // A file changed behind the app's back is reported, not served.
    std::fs::write(&stored, b"tampered").unwrap();
    let r = db.read(|c| attachments::read(c, &files, &first.id));
    assert!(matches!(r, Err(Error::Io(_))));
}

#[test]
fn refusals_store_no_reference() {
    let (_dir, path, db) = demo_db();
    let session = a_session(&db);
    let files = attachments::files_dir(&path);
    let add = |owner: AttachmentOwner, id: &str, name: &str, bytes: &[u8]| {
        db.write(|tx| attachments::add(tx, &files, owner, id, name, bytes, ACTOR))
    };
    assert!(matches!(
        add(AttachmentOwner::Session, "no-such-session", "a.pdf", b"x"),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        add(AttachmentOwner::Activity, &session, "a.pdf", b"x"),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        add(AttachmentOwner::Session, &session, "empty.pdf", b""),
        Err(Error::Validation {
            field: "file",
            reason: Reason::Required
        })
    ));
    assert!(matches!(
        add(AttachmentOwner::Session, &session, "  ", b"x"),
        Err(Error::Validation {
            field: "file_name",
            reason: Reason::Required
        })
    ));
    let big = vec![0u8; attachments::MAX_BYTES + 1];
    assert!(matches!(
        add(AttachmentOwner::Session, &session, "big.pdf", &big),
        Err(Error::Validation {
            reason: Reason::FileTooLarge,
            ..
        })
    ));
    assert_eq!(rows(&db), 0);
}
