// Opening a VirtualService with 200 HTTP routes in the policy editor (the real form when
// one is registered, and the YAML view), and re-validating it after one edit (parse and
// layers 1-2 on the worker, layer 3 none here). Prints figures; asserts nothing.
//
// bench_editor [--routes N] [--runs N] [--crds FILE] [--screenshot FILE.png]

#include "editors/forms/policyform.h"
#include "editors/policyeditor.h"
#include "editors/yamleditor.h"
#include "istio/document.h"
#include "istio/validator.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTest>
#include <QTextBlock>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace {

QByteArray bigVirtualService(int routes)
{
    QByteArray yaml = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n"
                      "  name: big\n  namespace: bookinfo\n  resourceVersion: \"1\"\nspec:\n"
                      "  hosts:\n  - reviews\n  gateways:\n  - mesh\n  http:\n";
    for (int i = 0; i < routes; ++i) {
        const QByteArray n = QByteArray::number(i);
        yaml += "  - name: route-" + n + "\n    match:\n    - uri:\n        prefix: /api/v" + n
            + "\n      headers:\n        x-user:\n          exact: user-" + n
            + "\n    timeout: 5s\n    retries:\n      attempts: 3\n      perTryTimeout: 2s\n"
              "    route:\n    - destination:\n        host: reviews\n        subset: v1\n"
              "      weight: 80\n    - destination:\n        host: reviews\n"
              "        subset: v2\n      weight: 20\n";
    }
    return yaml;
}

// CPU time of the calling thread (the GUI thread), in ms: on a busy machine the wall time
// mostly says how long the scheduler kept the thread waiting.
double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

double maxOf(const QList<double> &v)
{
    return v.isEmpty() ? 0 : *std::max_element(v.cbegin(), v.cend());
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    int routes = 200;
    int runs = 7;
    QString crds;
    QString screenshot; // --screenshot FILE: the first run's editor as shown
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--routes"))
            routes = args.at(i + 1).toInt();
        else if (args.at(i) == QLatin1String("--runs"))
            runs = args.at(i + 1).toInt();
        else if (args.at(i) == QLatin1String("--crds"))
            crds = args.at(i + 1);
        else if (args.at(i) == QLatin1String("--screenshot"))
            screenshot = args.at(i + 1);
    }
    md::ui::EditorServices services;
    services.validationDelayMs = 0;
    services.formFactory
        = [](const QString &kind, const md::ui::FormContext &context, QWidget *parent) {
              return md::ui::createPolicyForm(kind, context, parent);
          };
    if (!crds.isEmpty()) {
        auto validator = md::istio::Validator::fromCrdFile(crds);
        if (!validator) {
            std::fprintf(stderr, "%s\n", qPrintable(validator.error().toString()));
            return 1;
        }
        services.validator = std::make_shared<const md::istio::Validator>(std::move(*validator));
    }
    const QByteArray yaml = bigVirtualService(routes);
    const auto live = md::istio::parseValue(yaml);
    if (!live) {
        std::fprintf(stderr, "%s\n", qPrintable(live.error().toString()));
        return 1;
    }

    QList<double> open, shown, validateAll, revalidate, checkOnly, openCpu, shownCpu, revalidateCpu;
    bool hasForm = false;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        double cpu = threadCpuMs();
        timer.start();
        auto document = md::ui::EditorDocument::forObject(*live, QStringLiteral("ctx"));
        auto editor = std::make_unique<md::ui::PolicyEditor>(services, document);
        editor->resize(1200, 900);
        open << timer.nsecsElapsed() / 1e6;
        openCpu << threadCpuMs() - cpu;
        editor->show();
        QCoreApplication::processEvents(); // first layout and paint
        shown << timer.nsecsElapsed() / 1e6;
        shownCpu << threadCpuMs() - cpu;
        hasForm = editor->form() != nullptr;
        if (run == 0 && !screenshot.isEmpty())
            editor->grab().save(screenshot);
        // The first validation (started by the constructor).
        if (!QTest::qWaitFor([&] { return !editor->isValidating(); }, 10000))
            qFatal("the first validation did not end in 10 s");
        validateAll << timer.nsecsElapsed() / 1e6;

        // One edit in the YAML (a timeout), then the debounced validation to its end.
        editor->showYaml();
        QTextCursor cursor = editor->yamlEditor()->document()->find(QStringLiteral("timeout: 5s"));
        cpu = threadCpuMs();
        timer.restart();
        cursor.insertText(QStringLiteral("timeout: 6s"));
        editor->validateNow();
        if (!QTest::qWaitFor([&] { return !editor->isValidating(); }, 10000))
            qFatal("the validation after an edit did not end in 10 s");
        revalidate << timer.nsecsElapsed() / 1e6;
        revalidateCpu << threadCpuMs() - cpu;

        // The validation work alone (parse and both layers), as the worker runs it.
        timer.restart();
        auto stream = md::istio::DocumentStream::parse(editor->text().toUtf8());
        const auto object = stream->object(stream->objects().first());
        const auto messages = services.validator ? services.validator->validate(object)
                                                 : md::istio::Validator::validateRules(object);
        checkOnly << timer.nsecsElapsed() / 1e6;
        Q_UNUSED(messages)
    }
    std::printf("virtualservice routes=%d yaml_bytes=%lld form=%s schema=%s runs=%d\n", routes,
                qint64(yaml.size()), hasForm ? "yes" : "no", crds.isEmpty() ? "no" : "yes", runs);
    std::printf("open_editor_ms median %.1f max %.1f (construct: parse, form, YAML view)\n",
                median(open), maxOf(open));
    std::printf("open_shown_ms median %.1f max %.1f (constructed, laid out and painted)\n",
                median(shown), maxOf(shown));
    std::printf("first_validation_ms median %.1f\n", median(validateAll));
    std::printf("revalidate_after_edit_ms median %.1f max %.1f (edit to messages shown)\n",
                median(revalidate), maxOf(revalidate));
    std::printf("gui_thread_cpu_ms open %.1f shown %.1f revalidate %.1f (medians)\n",
                median(openCpu), median(shownCpu), median(revalidateCpu));
    std::printf("validation_work_ms median %.1f (parse + layers 1-2 on the worker)\n",
                median(checkOnly));
    return 0;
}
