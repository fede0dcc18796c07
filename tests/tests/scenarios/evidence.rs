//! Scenarios of the one attachment store: photos and scans on records, kept once by their hash
//! with a thumbnail, refused when they are not what they claim, withdrawn but never deleted, and
//! carried by every backup and back by a restore.

use crate::common::TestApp;
use base64::Engine;
use serde_json::{json, Value};

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn complaint(t: &TestApp) -> i64 {
    t.ok(
        "complaints.create",
        json!({ "channel": "群众举报", "content": "门前垃圾堆放", "place": "黄山路23号" }),
    )["id"]
        .as_i64()
        .unwrap()
}

fn add(t: &TestApp, kind: &str, id: i64, name: &str, bytes: &[u8]) -> Value {
    t.ok(
        "attachments.add",
        json!({ "owner_kind": kind, "owner_id": id, "file_name": name,
                "caption": "现场", "data_base64": b64(bytes) }),
    )
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.path().is_dir() {
                out.extend(files_under(&e.path()));
            } else {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_photo_is_kept_once_by_its_hash_with_a_thumbnail_and_listed_on_its_record() {
    let t = TestApp::new();
    let c = complaint(&t);
    let photo = cw_evidence::demo::picture(7).unwrap();
    let a = add(&t, "complaint", c, "IMG_1.jpg", &photo);
    assert_eq!(a["is_image"], true);
    assert_eq!(
        (a["width"].as_i64(), a["height"].as_i64()),
        (Some(800), Some(600))
    );
    // The same photo again (the clerk picked it twice): a second row, one file.
    add(&t, "complaint", c, "IMG_1 (2).jpg", &photo);
    let store = files_under(&t.dir.path().join("attachments/store"));
    assert_eq!(store.len(), 1, "{store:?}");
    assert_eq!(std::fs::read(&store[0]).unwrap(), photo);
    let list = t.ok(
        "attachments.list",
        json!({ "owner_kind": "complaint", "owner_id": c }),
    );
    assert_eq!(list.as_array().unwrap().len(), 2);
    let thumb = t.ok("attachments.thumb", json!({ "id": a["id"] }));
    let jpeg = base64::engine::general_purpose::STANDARD
        .decode(thumb["data_base64"].as_str().unwrap())
        .unwrap();
    let img = cw_pdf::Jpeg::from_bytes(jpeg).unwrap();
    assert_eq!((img.width, img.height), (640, 480));
    let back = t.file("attachments.file", json!({ "id": a["id"] }));
    assert_eq!(back.bytes, photo);
    assert_eq!(back.mime, "image/jpeg");
    assert_eq!(back.file_name, "IMG_1.jpg");
}

#[test]
fn a_file_that_is_no_picture_too_large_or_for_a_missing_record_is_refused_and_nothing_is_kept() {
    let t = TestApp::new();
    let c = complaint(&t);
    let before = t.audit_rows();
    let try_add = |kind: &str, id: i64, name: &str, bytes: &[u8]| {
        t.fails(
            "attachments.add",
            json!({ "owner_kind": kind, "owner_id": id, "file_name": name, "data_base64": b64(bytes) }),
        )
    };
    let fake = try_add("complaint", c, "扫描.png", b"\x89PNG\r\n\x1a\nnot really");
    assert!(fake.message.contains("图片无法读取"), "{}", fake.message);
    let exe = try_add(
        "complaint",
        c,
        "照片.exe",
        &cw_evidence::demo::picture(1).unwrap(),
    );
    assert!(exe.message.contains(".jpg"), "{}", exe.message);
    let big = vec![0xFFu8; cw_evidence::MAX_BYTES + 1];
    assert!(try_add("complaint", c, "大.jpg", &big)
        .message
        .contains("10 MB"));
    let gone = try_add(
        "meeting",
        999,
        "a.jpg",
        &cw_evidence::demo::picture(1).unwrap(),
    );
    assert_eq!(gone.code, "not_found");
    assert!(gone.message.contains("会议记录"), "{}", gone.message);
    assert_eq!(t.audit_rows(), before);
    assert!(files_under(&t.dir.path().join("attachments")).is_empty());
}

#[test]
fn a_self_check_file_belongs_to_one_item_of_that_check() {
    let t = TestApp::new();
    let standard = t.ok("standard.current", json!({}));
    let items = standard["items"].as_array().unwrap();
    let scores: Vec<Value> = items
        .iter()
        .map(|i| json!({ "item_id": i["id"], "score": i["points"], "note": "" }))
        .collect();
    let check = t.ok(
        "selfchecks.create",
        json!({ "checked_by": "创卫办", "note": "", "scores": scores }),
    )["id"]
        .as_i64()
        .unwrap();
    let photo = cw_evidence::demo::picture(2).unwrap();
    let args = |item: Value| {
        json!({ "owner_kind": "self_check", "owner_id": check, "item_id": item,
                "file_name": "a.jpg", "data_base64": b64(&photo) })
    };
    let no_item = t.fails("attachments.add", args(Value::Null));
    assert!(no_item.message.contains("自查项目"), "{}", no_item.message);
    assert!(t
        .fails("attachments.add", args(json!(9999)))
        .message
        .contains("不在这次自查中"));
    let first = items[0]["id"].clone();
    t.ok("attachments.add", args(first.clone()));
    let of_item = t.ok(
        "attachments.list",
        json!({ "owner_kind": "self_check", "owner_id": check, "item_id": first }),
    );
    assert_eq!(of_item.as_array().unwrap().len(), 1);
    let other = t.ok(
        "attachments.list",
        json!({ "owner_kind": "self_check", "owner_id": check, "item_id": items[1]["id"] }),
    );
    assert!(other.as_array().unwrap().is_empty());
}

#[test]
fn a_withdrawn_file_stays_on_record_with_its_reason_and_leaves_the_list() {
    let t = TestApp::new();
    let c = complaint(&t);
    let a = add(
        &t,
        "complaint",
        c,
        "错传.jpg",
        &cw_evidence::demo::picture(3).unwrap(),
    );
    let no_reason = t.fails(
        "attachments.withdraw",
        json!({ "id": a["id"], "reason": " " }),
    );
    assert!(
        no_reason.message.contains("撤回原因"),
        "{}",
        no_reason.message
    );
    let w = t.ok(
        "attachments.withdraw",
        json!({ "id": a["id"], "reason": "传错了照片" }),
    );
    assert_eq!(w["withdrawn"], "传错了照片");
    let listed = |all: bool| {
        t.ok(
            "attachments.list",
            json!({ "owner_kind": "complaint", "owner_id": c, "include_withdrawn": all }),
        )
        .as_array()
        .unwrap()
        .len()
    };
    assert_eq!((listed(false), listed(true)), (0, 1));
    let again = t.fails(
        "attachments.withdraw",
        json!({ "id": a["id"], "reason": "再撤" }),
    );
    assert!(again.message.contains("已撤回"), "{}", again.message);
    // The file is evidence still: it opens.
    assert!(!t
        .file("attachments.file", json!({ "id": a["id"] }))
        .bytes
        .is_empty());
}

#[test]
fn a_backup_carries_the_photos_and_a_restore_brings_back_what_the_data_folder_lost() {
    let t = TestApp::new();
    let c = complaint(&t);
    let photo = cw_evidence::demo::picture(4).unwrap();
    let a = add(&t, "complaint", c, "现场.jpg", &photo);
    let made = t.ok("backups.create", json!({}));
    let backup = std::path::Path::new(made["path"].as_str().unwrap());
    let carried = files_under(&backup.parent().unwrap().join("attachments/store"));
    assert_eq!(carried.len(), 1);
    assert_eq!(std::fs::read(&carried[0]).unwrap(), photo);
    // The data folder's photos are lost (a new PC, a deleted folder): the restore brings them.
    std::fs::remove_dir_all(t.dir.path().join("attachments")).unwrap();
    assert_eq!(
        t.fails("attachments.file", json!({ "id": a["id"] })).code,
        "conflict"
    );
    t.ok("backups.restore", json!({ "name": made["name"] }));
    assert_eq!(
        t.file("attachments.file", json!({ "id": a["id"] })).bytes,
        photo
    );
    // A backup to a USB stick carries them too.
    let usb = tempfile::tempdir().unwrap();
    t.ok(
        "backups.passphrase.set",
        json!({ "passphrase": "pass-phrase-1", "confirm": "pass-phrase-1" }),
    );
    let token = t.app.register_picked_folder(usb.path()).unwrap().token;
    t.ok(
        "backups.create_to",
        json!({ "token": token, "passphrase": "pass-phrase-1" }),
    );
    assert_eq!(files_under(&usb.path().join("attachments/store")).len(), 1);
}

#[test]
fn the_demo_community_has_photos_on_its_records() {
    let t = TestApp::new();
    let demo = t.ok("demo.generate", json!({}));
    assert!(demo.is_object());
    let conn = cw_store::rusqlite::Connection::open(t.db_path()).unwrap();
    let kinds: i64 = conn
        .query_row(
            "SELECT count(DISTINCT owner_kind) FROM attachments",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kinds, 7, "every kind but pledges has demo photos");
    let (meeting, meetings): (i64, i64) = conn
        .query_row("SELECT min(id), count(*) FROM meetings", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert!(meetings > 0);
    let list = t.ok(
        "attachments.list",
        json!({ "owner_kind": "meeting", "owner_id": meeting }),
    );
    assert_eq!(list[0]["caption"], "会议签到表（扫描）");
}
