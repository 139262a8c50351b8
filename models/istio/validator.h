#pragma once

// Validation of Istio objects, layer 1 (the CRD schema, when CRDs are given) and layer 2
// (Istio's CEL rules and webhook rules, natively). Cross-reference analyzers (layer 3)
// work over sets of objects and live elsewhere.

#include "core/result.h"
#include "istio/document.h"
#include "istio/message.h"
#include "schema/crd.h"

namespace md::istio {

class Validator
{
public:
    Validator() = default; // rules only, no schema layer
    explicit Validator(QList<schema::Crd> crds);
    static Result<Validator> fromCrdFile(const QString &path);

    // Unknown fields are errors (fieldValidation=Strict) rather than warnings.
    void setStrict(bool strict) { m_strict = strict; }
    bool hasSchemas() const { return !m_crds.isEmpty(); }
    const QList<schema::Crd> &crds() const { return m_crds; }
    const schema::StructuralSchema *schemaFor(const QString &apiVersion, const QString &kind) const;

    // Messages for one object; the object/source/line fields are left empty.
    QList<Message> validate(const Value &object) const;
    QList<Message> validateSchema(const Value &object) const; // layer 1 only
    static QList<Message> validateRules(const Value &object); // layer 2 only

    // Every Kubernetes object of a stream, with object names, source and lines filled in.
    QList<Message> validate(const DocumentStream &stream) const;

private:
    QList<schema::Crd> m_crds;
    bool m_strict = false;
};

} // namespace md::istio
