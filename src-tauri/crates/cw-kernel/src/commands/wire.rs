//! The argument and result types of a command as TypeScript sees them, for the typed `call` of the UI.

use crate::{CoreError, Ctx, FileOut};
use ts_rs::{Config, Dependency, ExportError, TypeVisitor, TS};

/// The TypeScript types of one command.
pub struct Wire {
    /// The argument type, e.g. `StaffQuery`.
    pub args: String,
    /// The result type, e.g. `Page<Staff>`; `None` for a document (it returns a file).
    pub result: Option<String>,
    /// The exported types the two names use, to import.
    pub imports: Vec<Dependency>,
    /// Writes those types' files (with their own dependencies) into the bindings folder.
    pub export: fn(&Config) -> Result<(), ExportError>,
}

/// The wire of a use-case returning data.
pub fn wire_of_json<A: TS + 'static, R: TS + 'static>(
    cfg: &Config,
    _f: fn(&Ctx<'_>, A) -> Result<R, CoreError>,
) -> Wire {
    Wire {
        args: A::name(cfg),
        result: Some(R::name(cfg)),
        imports: imports_of::<A>(cfg)
            .into_iter()
            .chain(imports_of::<R>(cfg))
            .collect(),
        export: |cfg| {
            export_with_deps::<A>(cfg)?;
            export_with_deps::<R>(cfg)
        },
    }
}

/// The wire of a use-case returning a file.
pub fn wire_of_file<A: TS + 'static>(
    cfg: &Config,
    _f: fn(&Ctx<'_>, A) -> Result<FileOut, CoreError>,
) -> Wire {
    Wire {
        args: A::name(cfg),
        result: None,
        imports: imports_of::<A>(cfg),
        export: export_with_deps::<A>,
    }
}

/// The wire of a command the host runs, from its argument and result types.
pub fn wire_of_host<A: TS + 'static, R: TS + 'static>(cfg: &Config) -> Wire {
    Wire {
        args: A::name(cfg),
        result: Some(R::name(cfg)),
        imports: imports_of::<A>(cfg)
            .into_iter()
            .chain(imports_of::<R>(cfg))
            .collect(),
        export: |cfg| {
            export_with_deps::<A>(cfg)?;
            export_with_deps::<R>(cfg)
        },
    }
}

/// `T` itself when it has a file of its own, and the types its name refers to (`Page<Staff>`
/// refers to `Page` and `Staff`; `Array<Staff>` to `Staff`).
fn imports_of<T: TS + 'static>(cfg: &Config) -> Vec<Dependency> {
    let mut out: Vec<Dependency> = Dependency::from_ty::<T>(cfg).into_iter().collect();
    struct Generics<'a>(&'a Config, &'a mut Vec<Dependency>);
    impl TypeVisitor for Generics<'_> {
        fn visit<U: TS + 'static + ?Sized>(&mut self) {
            match Dependency::from_ty::<U>(self.0) {
                Some(d) => self.1.push(d),
                // `Array<Staff>` and `Staff | null` name their parameter only.
                None => U::visit_generics(self),
            }
        }
    }
    T::visit_generics(&mut Generics(cfg, &mut out));
    out
}

/// Exports `T` and what it depends on; a type without a file of its own (`Vec<Staff>`,
/// `Option<Staff>`, `String`) exports what it holds.
fn export_with_deps<T: TS + 'static + ?Sized>(cfg: &Config) -> Result<(), ExportError> {
    if T::output_path().is_some() {
        return T::export_all(cfg);
    }
    struct Each<'a>(&'a Config, Option<ExportError>);
    impl TypeVisitor for Each<'_> {
        fn visit<U: TS + 'static + ?Sized>(&mut self) {
            if self.1.is_none() {
                self.1 = export_with_deps::<U>(self.0).err();
            }
        }
    }
    let mut each = Each(cfg, None);
    T::visit_dependencies(&mut each);
    T::visit_generics(&mut each);
    each.1.map_or(Ok(()), Err)
}
