#pragma once
// Run-time language switching: English or Korean, from a setting ("ui/language": "", "en", "ko";
// empty follows the system locale). Installing a new translator sends LanguageChange to every
// widget, which re-translates itself.
#include <QObject>
#include <QString>
#include <QTranslator>

namespace flowcnn::gui {

class Language : public QObject {
    Q_OBJECT
public:
    explicit Language(QObject* parent = nullptr);
    ~Language() override;

    // Applies the saved setting (or the system locale). Call once after QApplication exists.
    void applySaved();
    // "en" or "ko"; "" means the system locale. Saves the choice and installs it.
    void setLanguage(const QString& code);
    QString current() const { return current_; }  // the language in effect: "en" or "ko"
    QString setting() const;                      // what the user chose ("", "en", "ko")
    static QStringList available() { return {QStringLiteral("en"), QStringLiteral("ko")}; }

signals:
    void languageChanged(const QString& code);

private:
    void install(const QString& code);

    QTranslator app_;
    QTranslator qt_;
    bool app_installed_ = false;
    bool qt_installed_ = false;
    QString current_ = QStringLiteral("en");
};

}  // namespace flowcnn::gui
