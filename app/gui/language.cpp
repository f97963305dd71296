#include "app/gui/language.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>

namespace flowcnn::gui {

Language::Language(QObject* parent) : QObject(parent) {}

Language::~Language() {
    if (app_installed_) QCoreApplication::removeTranslator(&app_);
    if (qt_installed_) QCoreApplication::removeTranslator(&qt_);
}

QString Language::setting() const {
    return QSettings().value(QStringLiteral("ui/language")).toString();
}

void Language::applySaved() { install(setting()); }

void Language::setLanguage(const QString& code) {
    QSettings().setValue(QStringLiteral("ui/language"), code);
    install(code);
}

void Language::install(const QString& code) {
    QString lang = code;
    if (lang.isEmpty())
        lang = QLocale::system().language() == QLocale::Korean ? QStringLiteral("ko")
                                                                : QStringLiteral("en");
    if (!available().contains(lang)) lang = QStringLiteral("en");
    if (app_installed_) QCoreApplication::removeTranslator(&app_);
    if (qt_installed_) QCoreApplication::removeTranslator(&qt_);
    app_installed_ = qt_installed_ = false;
    if (app_.load(QStringLiteral(":/i18n/flowcnn_%1.qm").arg(lang)))
        app_installed_ = QCoreApplication::installTranslator(&app_);
    if (lang != QStringLiteral("en") &&
        qt_.load(QLocale(lang), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        qt_installed_ = QCoreApplication::installTranslator(&qt_);
    current_ = lang;
    QLocale::setDefault(QLocale(lang == QStringLiteral("ko") ? QLocale::Korean : QLocale::English));
    emit languageChanged(lang);
}

}  // namespace flowcnn::gui
