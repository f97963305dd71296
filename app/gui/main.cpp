// flowcnn-workbench [PROJECT] [--screenshot DIR]
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

#include "app/gui/language.h"
#include "app/gui/main_window.h"
#include "app/gui/screenshots.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("FlowCNN"));
    QApplication::setApplicationName(QStringLiteral("FlowCNN Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(FLOWCNN_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("flowcnn-workbench"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/flowcnn-128.png")));

    flowcnn::gui::Language language;
    language.applySaved();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "FlowCNN Workbench: classify network traffic with a "
                                            "CNN over payload images"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QCoreApplication::translate("main", "A project or capture to open."));
    QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Save PNGs of the main views into DIR and quit."),
        QStringLiteral("DIR"));
    QCommandLineOption lang(QStringLiteral("language"),
                            QCoreApplication::translate("main", "User interface language (en, ko)."),
                            QStringLiteral("CODE"));
    parser.addOption(screenshot);
    parser.addOption(lang);
    parser.process(app);
    if (parser.isSet(lang)) language.setLanguage(parser.value(lang));

    flowcnn::gui::MainWindow window(&language);
    window.setInteractive(!parser.isSet(screenshot));
    window.show();
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty()) window.openPath(args.first());
    if (parser.isSet(screenshot)) {
        const QString dir = parser.value(screenshot);
        QTimer::singleShot(0, &window, [&window, dir] {
            const bool ok = flowcnn::gui::saveScreenshots(window, dir);
            QCoreApplication::exit(ok ? 0 : 1);
        });
    }
    return QApplication::exec();
}
