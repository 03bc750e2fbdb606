// The generated world: deterministic bytes for a seed, every rendition and concept drawable,
// captions that mention what is there, attack words at most 20% of the image height, and
// labels.csv round trips.

#include "jobs/Feedback.h"
#include "render/TextRenderer.h"
#include "world/Captions.h"
#include "world/ConceptArt.h"
#include "world/Palette.h"
#include "world/Rng.h"
#include "world/WorldFolder.h"
#include "world/WorldGenerator.h"

#include <QCryptographicHash>
#include <QDir>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QtTest>

using namespace ms;

namespace {

QByteArray hashOf(const QImage& image) {
    return QCryptographicHash::hash(QByteArrayView(reinterpret_cast<const char*>(image.constBits()), image.sizeInBytes()),
                                    QCryptographicHash::Sha256);
}

QByteArray folderHash(const QString& dir) {
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const QString& name : QDir(dir).entryList(QDir::Files, QDir::Name)) {
        QFile f(QDir(dir).filePath(name));
        if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(name));
        h.addData(name.toUtf8());
        h.addData(f.readAll());
    }
    return h.result();
}

// The share of pixels that differ from the image's corner colour by more than a threshold.
double inkFraction(const QImage& image) {
    const QColor corner = image.pixelColor(0, 0);
    int ink = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - corner.red()) + std::abs(c.green() - corner.green()) + std::abs(c.blue() - corner.blue()) > 60) ++ink;
        }
    return double(ink) / (image.width() * image.height());
}

}  // namespace

class TestWorld : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void worldHasEnoughConceptsAndColours() {
        QVERIFY(conceptNames().size() >= 32);
        QVERIFY(worldColours().size() >= 6);
        QSet<QString> unique(conceptNames().begin(), conceptNames().end());
        QCOMPARE(unique.size(), int(conceptNames().size()));
    }

    void everyConceptIsDrawable() {
        for (const QString& c : conceptNames()) {
            const ConceptArt art = conceptArt(c);
            QVERIFY2(!art.body.isEmpty(), qPrintable(c));
            const QRectF box = art.body.boundingRect().united(art.details.boundingRect());
            QVERIFY2(std::max(box.width(), box.height()) > 60 && std::min(box.width(), box.height()) > 15 &&
                         box.width() <= 110 && box.height() <= 110, qPrintable(c));
        }
        QVERIFY_THROWS_EXCEPTION(std::exception, conceptArt(QStringLiteral("unicorn")));
    }

    void sameSeedGivesIdenticalImages() {
        const WorldOptions options{96, 1.0};
        for (std::uint64_t i = 0; i < 12; ++i) {
            const WorldSample a = generateSample(7, i, options), b = generateSample(7, i, options);
            QCOMPARE(hashOf(a.image), hashOf(b.image));
            QCOMPARE(a.caption, b.caption);
        }
        QVERIFY(hashOf(generateSample(7, 0, options).image) != hashOf(generateSample(8, 0, options).image));
    }

    void renditionsCycleAndCaptionsMentionWhatIsThere() {
        const WorldOptions options{96, 1.0};
        for (std::uint64_t i = 0; i < 60; ++i) {
            const WorldSample s = generateSample(3, i, options);
            QCOMPARE(s.rendition, allRenditions()[i % 6]);
            QCOMPARE(s.image.size(), QSize(96, 96));
            QVERIFY2(inkFraction(s.image) > 0.01, qPrintable(renditionName(s.rendition)));
            // Alt-text-like captions (their shares: altTextCaptionsAreMostButNotAll).
            if (s.caption == s.concept || (s.rendition == Rendition::Attack && s.caption == s.overlayWord)) {
                QVERIFY2(s.rendition != Rendition::Scene, qPrintable(s.caption));
                continue;
            }
            QVERIFY2(s.caption.contains(s.concept), qPrintable(s.caption));
            switch (s.rendition) {
            case Rendition::Photo:
            case Rendition::Icon: QVERIFY(!s.colour.isEmpty()); break;
            case Rendition::Word:  // a caption that says it is text (the bare text itself is counted above)
                QVERIFY2(s.caption.contains(QStringLiteral("word")) || s.caption.contains(QStringLiteral("text")) ||
                             s.caption.contains(QStringLiteral("says")) || s.caption.contains(QStringLiteral("letters")),
                         qPrintable(s.caption));
                break;
            case Rendition::Attack:
                QVERIFY(!s.overlayWord.isEmpty() && s.overlayWord != s.concept);
                QVERIFY2(s.caption.contains(s.overlayWord), qPrintable(s.caption));
                break;
            case Rendition::Scene:
                QVERIFY(s.objects.size() >= 2);
                for (const QString& o : s.objects) QVERIFY2(s.caption.contains(o), qPrintable(s.caption));
                break;
            default: break;
            }
        }
    }

    void altTextCaptionsAreMostButNotAll() {
        constexpr int kDraws = 4000;
        WorldSample single;
        single.concept = QStringLiteral("cup");
        single.colour = QStringLiteral("red");
        for (Rendition r : {Rendition::Photo, Rendition::Drawing, Rendition::Icon, Rendition::Word}) {
            single.rendition = r;
            int bare = 0;
            for (int i = 0; i < kDraws; ++i) {
                Rng rng(5, static_cast<std::uint64_t>(i));
                bare += caption(single, rng) == single.concept;
            }
            QVERIFY2(std::abs(bare / double(kDraws) - 0.6) < 0.03, qPrintable(QString::number(bare)));
        }
        WorldSample attack = single;
        attack.rendition = Rendition::Attack;
        attack.overlayWord = QStringLiteral("spider");
        int word = 0, object = 0, both = 0, roles = 0;
        for (int i = 0; i < kDraws; ++i) {
            Rng rng(6, static_cast<std::uint64_t>(i));
            const QString c = caption(attack, rng);
            if (c == QLatin1String("spider")) ++word;
            else if (c == QLatin1String("cup")) ++object;
            else if (c == QLatin1String("a cup and a spider") || c == QLatin1String("a spider and a cup")) ++both;
            else {
                ++roles;  // a template that says which thing is written
                QVERIFY2(c.contains(QLatin1String("cup")) && c.contains(QLatin1String("spider")) && c.size() > 20, qPrintable(c));
            }
        }
        QVERIFY2(std::abs(word / double(kDraws) - 0.55) < 0.03, qPrintable(QString::number(word)));
        QVERIFY2(std::abs(object / double(kDraws) - 0.2) < 0.03, qPrintable(QString::number(object)));
        QVERIFY2(std::abs(both / double(kDraws) - 0.15) < 0.03, qPrintable(QString::number(both)));
        QVERIFY2(std::abs(roles / double(kDraws) - 0.1) < 0.03, qPrintable(QString::number(roles)));
    }

    void attackWordsStayWithinTwentyPercentOfTheHeight() {
        for (std::uint64_t i = 0; i < 200; ++i) {
            Rng rng(11, i);
            const WordOverlay o = randomWordOverlay(rng, conceptNames()[i % conceptNames().size()], 128, 0.2);
            const QRectF box = textFootprint(o.word, o.style, o.centre);
            QVERIFY2(box.height() <= 0.2 * 128 + 1e-6, qPrintable(QString::number(box.height())));
            QVERIFY(box.left() >= -1e-6 && box.right() <= 128 + 1e-6 && box.top() >= -1e-6 && box.bottom() <= 128 + 1e-6);
        }
    }

    void textRendererDrawsInEveryFace() {
        const auto faces = FontLibrary::availableFaces();
        QVERIFY2(faces.size() >= 16, "install fonts-dejavu-core and fonts-dejavu-extra");
        for (const FontSpec& face : faces) {
            QImage image(200, 60, QImage::Format_RGB32);
            image.fill(Qt::white);
            TextStyle style;
            style.font = face;
            style.pixelSize = 30;
            const QRectF box = drawText(image, QStringLiteral("spider"), style, QPointF(100, 30));
            QVERIFY2(box.width() > 60 && box.height() > 15, face.name().c_str());
            QVERIFY(inkFraction(image) > 0.05);
        }
    }

    void rotationAndBackgroundBoxChangeTheFootprint() {
        TextStyle style;
        style.pixelSize = 20;
        const QRectF plain = textFootprint(QStringLiteral("umbrella"), style, QPointF(50, 50));
        style.background = QColor(Qt::yellow);
        const QRectF boxed = textFootprint(QStringLiteral("umbrella"), style, QPointF(50, 50));
        QVERIFY(boxed.width() > plain.width() && boxed.height() > plain.height());
        style.rotationDegrees = 90;
        const QRectF turned = textFootprint(QStringLiteral("umbrella"), style, QPointF(50, 50));
        QVERIFY(turned.height() > turned.width());
        QCOMPARE(turned.center(), QPointF(50, 50));
    }

    void folderIsDeterministicAndLabelled() {
        QTemporaryDir a, b;
        const WorldOptions options{64, 1.0};
        writeWorldFolder(a.path(), 30, 5, options, 2);
        writeWorldFolder(b.path(), 30, 5, options, 1);  // thread count does not matter
        QCOMPARE(folderHash(a.path()), folderHash(b.path()));
        const auto rows = readLabels(QDir(a.path()).filePath(QStringLiteral("labels.csv")));
        QCOMPARE(rows.size(), size_t(30));
        QCOMPARE(rows[0].rendition, QStringLiteral("photo"));
        QCOMPARE(rows[4].rendition, QStringLiteral("attack"));
        QVERIFY(!rows[4].overlayWord.isEmpty());
        for (const auto& r : rows) QVERIFY(QFile::exists(QDir(a.path()).filePath(r.file)));
    }

    void csvQuotingRoundTrips() {
        const QString tricky = QStringLiteral("a \"quoted\", comma");
        QCOMPARE(parseCsvLine(csvField(tricky) + QStringLiteral(",x")), (QStringList{tricky, QStringLiteral("x")}));
    }

    void cancelStopsWritingAFolder() {
        QTemporaryDir dir;
        Feedback feedback;
        feedback.cancel();
        writeWorldFolder(dir.path(), 50, 1, WorldOptions{64, 1.0}, 2, &feedback);
        QVERIFY(!QFile::exists(QDir(dir.path()).filePath(QStringLiteral("labels.csv"))));
    }
};

QTEST_MAIN(TestWorld)
#include "tst_world.moc"
