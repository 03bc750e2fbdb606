#include "world/ConceptArt.h"

#include "util/Error.h"

#include <QPainterPathStroker>
#include <QPolygonF>
#include <QtMath>

#include <functional>
#include <map>

namespace ms {
namespace {

using Builder = std::function<ConceptArt()>;

QPolygonF regularStar(int points, double outer, double inner, double rotation = -90) {
    QPolygonF poly;
    for (int i = 0; i < points * 2; ++i) {
        const double r = i % 2 ? inner : outer;
        const double a = qDegreesToRadians(rotation + i * 180.0 / points);
        poly << QPointF(r * std::cos(a), r * std::sin(a));
    }
    poly << poly.first();
    return poly;
}

QPainterPath polygon(std::initializer_list<QPointF> pts) {
    QPainterPath p;
    p.addPolygon(QPolygonF(pts));
    p.closeSubpath();
    return p;
}

QPainterPath ellipse(double cx, double cy, double rx, double ry) {
    QPainterPath p;
    p.addEllipse(QPointF(cx, cy), rx, ry);
    return p;
}

QPainterPath rect(double x, double y, double w, double h, double radius = 0) {
    QPainterPath p;
    p.addRoundedRect(QRectF(x, y, w, h), radius, radius);
    return p;
}

QPainterPath line(QPointF a, QPointF b) {
    QPainterPath p(a);
    p.lineTo(b);
    return p;
}

ConceptArt star() { QPainterPath p; p.addPolygon(regularStar(5, 48, 20)); return {p, {}}; }

ConceptArt heart() {
    QPainterPath p(QPointF(0, 40));
    p.cubicTo(-60, -5, -35, -55, 0, -22);
    p.cubicTo(35, -55, 60, -5, 0, 40);
    return {p, {}};
}

ConceptArt house() {
    QPainterPath body = rect(-32, -5, 64, 45).united(polygon({{-42, -5}, {0, -45}, {42, -5}}));
    QPainterPath d = rect(-8, 15, 16, 25);
    d.addRect(14, 2, 12, 12);
    d.addRect(-26, 2, 12, 12);
    return {body, d};
}

ConceptArt tree() {
    QPainterPath crown = ellipse(0, -18, 34, 30).united(ellipse(-20, -5, 18, 16)).united(ellipse(20, -5, 18, 16));
    return {crown.united(rect(-7, 10, 14, 38)), line({0, 30}, {-9, 18})};
}

ConceptArt sun() {
    QPainterPath p = ellipse(0, 0, 22, 22);
    for (int i = 0; i < 12; ++i) {
        const double a = i * M_PI / 6, w = 0.14;
        p = p.united(polygon({{26 * std::cos(a - w), 26 * std::sin(a - w)}, {48 * std::cos(a), 48 * std::sin(a)},
                              {26 * std::cos(a + w), 26 * std::sin(a + w)}}));
    }
    return {p, {}};
}

ConceptArt moon() { return {ellipse(0, 0, 40, 40).subtracted(ellipse(20, -10, 34, 34)), {}}; }

ConceptArt cloud() {
    QPainterPath p = ellipse(-22, 8, 22, 18).united(ellipse(0, -6, 26, 24)).united(ellipse(24, 6, 22, 19));
    return {p.united(rect(-40, 6, 80, 22, 10)), {}};
}

ConceptArt flower() {
    QPainterPath p;
    for (int i = 0; i < 6; ++i) {
        const double a = i * M_PI / 3;
        p = p.united(ellipse(24 * std::cos(a), -8 + 24 * std::sin(a), 15, 15));
    }
    p = p.united(rect(-3, 12, 6, 38));
    return {p, ellipse(0, -8, 11, 11)};
}

ConceptArt fish() {
    QPainterPath body = ellipse(-6, 0, 34, 20).united(polygon({{22, 0}, {46, -20}, {46, 20}}));
    QPainterPath d = ellipse(-24, -5, 3, 3);
    d.moveTo(-12, -14);
    d.quadTo(-6, 0, -12, 14);
    return {body, d};
}

ConceptArt key() {
    QPainterPath p = ellipse(-26, 0, 18, 18).subtracted(ellipse(-26, 0, 8, 8));
    p = p.united(rect(-10, -5, 56, 10)).united(rect(30, 5, 6, 12)).united(rect(40, 5, 6, 8));
    return {p, {}};
}

ConceptArt umbrella() {
    QPainterPath canopy(QPointF(-46, 0));
    canopy.cubicTo(-44, -50, 44, -50, 46, 0);
    canopy.closeSubpath();
    QPainterPath handle = rect(-2.5, -2, 5, 40);
    handle = handle.united(ellipse(-7, 38, 9, 9).subtracted(ellipse(-7, 38, 4, 4)).subtracted(rect(-20, 20, 30, 18)));
    QPainterPath d = line({-15, -2}, {-10, -32});
    d.addPath(line({15, -2}, {10, -32}));
    return {canopy.united(handle), d};
}

ConceptArt cup() {
    QPainterPath body = polygon({{-30, -25}, {22, -25}, {16, 35}, {-24, 35}});
    body = body.united(ellipse(26, 2, 16, 16).subtracted(ellipse(26, 2, 8, 8)));
    return {body, line({-28, -15}, {20, -15})};
}

ConceptArt lightning() { return {polygon({{6, -48}, {-26, 6}, {-4, 6}, {-12, 48}, {26, -10}, {4, -10}, {16, -48}}), {}}; }

ConceptArt arrow() { return {polygon({{-45, -9}, {10, -9}, {10, -26}, {45, 0}, {10, 26}, {10, 9}, {-45, 9}}), {}}; }

ConceptArt smiley() {
    QPainterPath d = ellipse(-14, -12, 5, 7);
    d.addPath(ellipse(14, -12, 5, 7));
    d.moveTo(-22, 10);
    d.quadTo(0, 32, 22, 10);
    return {ellipse(0, 0, 42, 42), d};
}

ConceptArt eye() {
    QPainterPath p(QPointF(-48, 0));
    p.quadTo(0, -42, 48, 0);
    p.quadTo(0, 42, -48, 0);
    QPainterPath d = ellipse(0, 0, 16, 16);
    d.addPath(ellipse(0, 0, 6, 6));
    return {p, d};
}

ConceptArt spider() {
    QPainterPath body = ellipse(0, 8, 16, 18).united(ellipse(0, -16, 10, 9));
    QPainterPath legs;
    for (int side : {-1, 1})
        for (int i = 0; i < 4; ++i) {
            const double y = -12 + i * 9;
            legs.moveTo(side * 8, y);
            legs.lineTo(side * 30, y - 14 + i * 4);
            legs.lineTo(side * 46, y + 6 + i * 6);
        }
    // Legs are part of the outline (filled in photos and icons), not thin detail lines.
    QPainterPathStroker stroker;
    stroker.setWidth(5);
    stroker.setCapStyle(Qt::RoundCap);
    stroker.setJoinStyle(Qt::RoundJoin);
    return {body.united(stroker.createStroke(legs)), {}};
}

ConceptArt apple() {
    QPainterPath p = ellipse(-13, 6, 24, 30).united(ellipse(13, 6, 24, 30));
    p = p.united(rect(-2, -36, 4, 14));
    return {p, ellipse(12, -30, 10, 5)};
}

ConceptArt bell() {
    QPainterPath p(QPointF(-36, 26));
    p.cubicTo(-30, 10, -30, -36, 0, -38);
    p.cubicTo(30, -36, 30, 10, 36, 26);
    p.closeSubpath();
    return {p.united(ellipse(0, 32, 8, 8)).united(rect(-4, -46, 8, 10)), line({-30, 18}, {30, 18})};
}

ConceptArt crown() {
    return {polygon({{-40, 30}, {-44, -28}, {-22, 2}, {0, -36}, {22, 2}, {44, -28}, {40, 30}}), line({-40, 18}, {40, 18})};
}

ConceptArt diamond() {
    QPainterPath d = line({-40, -12}, {40, -12});
    d.addPath(line({-14, -32}, {0, 44}));
    d.addPath(line({14, -32}, {0, 44}));
    return {polygon({{-26, -32}, {26, -32}, {42, -12}, {0, 44}, {-42, -12}}), d};
}

ConceptArt drop() {
    QPainterPath p(QPointF(0, -46));
    p.cubicTo(18, -16, 32, 4, 30, 18);
    p.cubicTo(28, 50, -28, 50, -30, 18);
    p.cubicTo(-32, 4, -18, -16, 0, -46);
    return {p, {}};
}

ConceptArt leaf() {
    QPainterPath p(QPointF(-40, 36));
    p.cubicTo(-44, -20, 10, -44, 44, -42);
    p.cubicTo(42, 0, 10, 44, -40, 36);
    QPainterPath d = line({-46, 44}, {30, -28});
    for (int i = 0; i < 3; ++i) d.addPath(line({-20.0 + i * 16, 24.0 - i * 16}, {-8.0 + i * 16, 4.0 - i * 18}));
    return {p, d};
}

ConceptArt mushroom() {
    QPainterPath cap(QPointF(-46, 0));
    cap.cubicTo(-44, -46, 44, -46, 46, 0);
    cap.closeSubpath();
    QPainterPath d = ellipse(-18, -18, 6, 6);
    d.addPath(ellipse(12, -26, 5, 5));
    d.addPath(ellipse(22, -8, 5, 5));
    return {cap.united(rect(-12, -2, 24, 44, 6)), d};
}

ConceptArt anchor() {
    QPainterPath p = ellipse(0, -36, 9, 9).subtracted(ellipse(0, -36, 4, 4));
    p = p.united(rect(-4, -28, 8, 66)).united(rect(-22, -20, 44, 7));
    QPainterPath arc = ellipse(0, 10, 38, 32).subtracted(ellipse(0, 10, 30, 25)).subtracted(rect(-50, -30, 100, 40));
    p = p.united(arc).united(polygon({{-46, 12}, {-36, 2}, {-30, 16}})).united(polygon({{46, 12}, {36, 2}, {30, 16}}));
    return {p, {}};
}

ConceptArt candle() {
    QPainterPath flame(QPointF(0, -48));
    flame.cubicTo(12, -30, 10, -22, 0, -18);
    flame.cubicTo(-10, -22, -12, -30, 0, -48);
    return {rect(-14, -14, 28, 60, 3).united(flame), line({0, -18}, {0, -12})};
}

ConceptArt clock() {
    QPainterPath d = line({0, 0}, {0, -28});
    d.addPath(line({0, 0}, {18, 8}));
    for (int i = 0; i < 12; ++i) {
        const double a = i * M_PI / 6;
        d.addPath(line({34 * std::cos(a), 34 * std::sin(a)}, {40 * std::cos(a), 40 * std::sin(a)}));
    }
    return {ellipse(0, 0, 45, 45), d};
}

ConceptArt envelope() {
    QPainterPath d = line({-44, -28}, {0, 6});
    d.lineTo(44, -28);
    return {rect(-44, -28, 88, 58), d};
}

ConceptArt flag() {
    QPainterPath cloth(QPointF(-30, -42));
    cloth.cubicTo(-8, -52, 14, -30, 40, -40);
    cloth.lineTo(40, 0);
    cloth.cubicTo(14, 10, -8, -12, -30, -2);
    cloth.closeSubpath();
    return {cloth.united(rect(-38, -46, 7, 94)), {}};
}

ConceptArt lock() {
    QPainterPath shackle = ellipse(0, -14, 24, 28).subtracted(ellipse(0, -14, 15, 20)).subtracted(rect(-30, -12, 60, 30));
    shackle = shackle.united(rect(-24, -16, 9, 14)).united(rect(15, -16, 9, 14));
    QPainterPath d = ellipse(0, 14, 6, 6);
    d.addPath(line({0, 18}, {0, 30}));
    return {rect(-34, -4, 68, 50, 6).united(shackle), d};
}

ConceptArt note() {
    QPainterPath p = ellipse(-22, 30, 14, 10).united(ellipse(22, 22, 14, 10));
    p = p.united(rect(-10, -36, 6, 66)).united(rect(34, -44, 6, 66)).united(polygon({{-10, -36}, {40, -44}, {40, -30}, {-10, -22}}));
    return {p, {}};
}

ConceptArt rocket() {
    QPainterPath p(QPointF(0, -48));
    p.cubicTo(20, -30, 18, 10, 14, 28);
    p.lineTo(-14, 28);
    p.cubicTo(-18, 10, -20, -30, 0, -48);
    p = p.united(polygon({{-14, 6}, {-30, 36}, {-12, 28}})).united(polygon({{14, 6}, {30, 36}, {12, 28}}));
    p = p.united(polygon({{-8, 28}, {0, 46}, {8, 28}}));
    return {p, ellipse(0, -14, 7, 7)};
}

ConceptArt shield() {
    QPainterPath p(QPointF(-38, -38));
    p.lineTo(38, -38);
    p.cubicTo(40, 0, 26, 30, 0, 46);
    p.cubicTo(-26, 30, -40, 0, -38, -38);
    QPainterPath d = line({0, -38}, {0, 44});
    d.addPath(line({-38, -8}, {38, -8}));
    return {p, d};
}

ConceptArt snowflake() {
    QPainterPath p;
    for (int i = 0; i < 6; ++i) {
        QTransform t;
        t.rotate(i * 60);
        QPainterPath arm = rect(-3, -46, 6, 46).united(polygon({{0, -30}, {-14, -40}, {-16, -36}, {0, -24}}));
        arm = arm.united(polygon({{0, -30}, {14, -40}, {16, -36}, {0, -24}}));
        p = p.united(t.map(arm));
    }
    return {p, {}};
}

ConceptArt balloon() {
    QPainterPath p = ellipse(0, -12, 30, 36).united(polygon({{-6, 24}, {6, 24}, {0, 30}}));
    QPainterPath d(QPointF(0, 28));
    d.cubicTo(-10, 36, 10, 42, 0, 50);
    return {p, d};
}

ConceptArt boat() {
    QPainterPath hull = polygon({{-46, 14}, {46, 14}, {30, 38}, {-30, 38}});
    QPainterPath sail = polygon({{-2, -46}, {-2, 8}, {-38, 8}}).united(polygon({{4, -38}, {34, 8}, {4, 8}}));
    return {hull.united(sail).united(rect(-3, -46, 5, 60)), {}};
}

const std::vector<std::pair<QString, Builder>>& builders() {
    static const std::vector<std::pair<QString, Builder>> table{
        {"star", star},         {"heart", heart},       {"house", house},     {"tree", tree},
        {"sun", sun},           {"moon", moon},         {"cloud", cloud},     {"flower", flower},
        {"fish", fish},         {"key", key},           {"umbrella", umbrella}, {"cup", cup},
        {"lightning", lightning}, {"arrow", arrow},     {"smiley", smiley},   {"eye", eye},
        {"spider", spider},     {"apple", apple},       {"bell", bell},       {"crown", crown},
        {"diamond", diamond},   {"drop", drop},         {"leaf", leaf},       {"mushroom", mushroom},
        {"anchor", anchor},     {"candle", candle},     {"clock", clock},     {"envelope", envelope},
        {"flag", flag},         {"lock", lock},         {"note", note},       {"rocket", rocket},
        {"shield", shield},     {"snowflake", snowflake}, {"balloon", balloon}, {"boat", boat},
    };
    return table;
}

}  // namespace

const std::vector<QString>& conceptNames() {
    static const std::vector<QString> names = [] {
        std::vector<QString> n;
        for (const auto& [name, builder] : builders()) n.push_back(name);
        return n;
    }();
    return names;
}

ConceptArt conceptArt(const QString& name) {
    // Building the united paths takes a moment: keep one copy per concept and thread.
    thread_local std::map<QString, ConceptArt> cache;
    auto cached = cache.find(name);
    if (cached != cache.end()) return cached->second;
    for (const auto& [n, builder] : builders())
        if (n == name) return cache.emplace(name, builder()).first->second;
    throw Error("unknown concept '" + name.toStdString() + "'");
}

}  // namespace ms
