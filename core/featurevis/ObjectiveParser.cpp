#include "featurevis/ObjectiveParser.h"

#include "featurevis/Objectives.h"
#include "util/Error.h"

#include <cctype>
#include <cstdlib>
#include <optional>
#include <variant>
#include <vector>

namespace ms {

namespace {

bool isNameChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '/' || c == ':' || c == '@';
}

bool allDigits(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

struct Token {
    enum class Kind { Number, Name, String, Symbol, End } kind = Kind::End;
    std::string text;
    double number = 0.0;
    size_t position = 0;
};

// A parsed value: a plain number (a weight) or an objective.
using Value = std::variant<double, Objective>;

class Parser {
public:
    Parser(const std::string& expression, const ModelDescriptor& model, const TextEncoder& encodeText)
        : mText(expression), mModel(model), mEncodeText(encodeText) {
        tokenize();
    }

    Objective parse() {
        Value v = expression();
        if (peek().kind != Token::Kind::End) fail(peek().position, "unexpected '" + peek().text + "'");
        if (std::holds_alternative<double>(v)) fail(0, "a number alone is not an objective");
        return std::get<Objective>(std::move(v));
    }

private:
    [[noreturn]] void fail(size_t position, const std::string& problem) const {
        throw Error("objective \"" + mText + "\": " + problem + " (at character " + std::to_string(position + 1) + ")");
    }

    void tokenize() {
        size_t i = 0;
        while (i < mText.size()) {
            const char c = mText[i];
            Token t;
            t.position = i;
            if (std::isspace(static_cast<unsigned char>(c))) {
                ++i;
                continue;
            } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
                char* end = nullptr;
                t.number = std::strtod(mText.c_str() + i, &end);
                const size_t length = static_cast<size_t>(end - (mText.c_str() + i));
                if (length == 0) fail(i, "bad number");
                t.kind = Token::Kind::Number;
                t.text = mText.substr(i, length);
                i += length;
            } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
                size_t j = i;
                while (j < mText.size() && isNameChar(mText[j])) ++j;
                t.kind = Token::Kind::Name;
                t.text = mText.substr(i, j - i);
                i = j;
            } else if (c == '"' || c == '\'') {
                t.kind = Token::Kind::String;
                i = readString(i, t.text);
            } else if (std::string("+-*(),").find(c) != std::string::npos) {
                t.kind = Token::Kind::Symbol;
                t.text = std::string(1, c);
                ++i;
            } else {
                fail(i, std::string("unexpected character '") + c + "'");
            }
            mTokens.push_back(t);
        }
        Token end;
        end.position = mText.size();
        mTokens.push_back(end);
    }

    // Reads a quoted string starting at `start`; backslash escapes the next character.
    size_t readString(size_t start, std::string& out) const {
        const char quote = mText[start];
        for (size_t i = start + 1; i < mText.size(); ++i) {
            if (mText[i] == '\\' && i + 1 < mText.size()) {
                out += mText[++i];
            } else if (mText[i] == quote) {
                return i + 1;
            } else {
                out += mText[i];
            }
        }
        fail(start, "unterminated string");
    }

    const Token& peek() const { return mTokens[mPos]; }
    Token next() { return mTokens[mPos++]; }
    bool accept(const char* symbol) {
        if (peek().kind == Token::Kind::Symbol && peek().text == symbol) {
            ++mPos;
            return true;
        }
        return false;
    }
    void expect(const char* symbol) {
        if (!accept(symbol)) fail(peek().position, std::string("expected '") + symbol + "'");
    }

    Objective asObjective(Value v, size_t position) const {
        if (std::holds_alternative<double>(v)) fail(position, "a number cannot be added to an objective");
        return std::get<Objective>(std::move(v));
    }

    Value expression() {
        const size_t start = peek().position;
        Value left = term();
        while (peek().kind == Token::Kind::Symbol && (peek().text == "+" || peek().text == "-")) {
            const bool minus = next().text == "-";
            const size_t at = peek().position;
            Objective right = asObjective(term(), at);
            Objective sum = asObjective(std::move(left), start);
            left = minus ? sum - right : sum + right;
        }
        return left;
    }

    Value term() {
        Value left = factor();
        while (accept("*")) {
            const size_t at = peek().position;
            Value right = factor();
            left = multiply(std::move(left), std::move(right), at);
        }
        return left;
    }

    Value multiply(Value a, Value b, size_t position) const {
        if (std::holds_alternative<double>(a) && std::holds_alternative<double>(b))
            return std::get<double>(a) * std::get<double>(b);
        if (std::holds_alternative<double>(a)) return std::get<double>(a) * std::get<Objective>(std::move(b));
        if (std::holds_alternative<double>(b)) return std::get<Objective>(std::move(a)) * std::get<double>(b);
        fail(position, "two objectives cannot be multiplied");
    }

    Value factor() {
        if (accept("-")) {
            Value v = factor();
            if (std::holds_alternative<double>(v)) return -std::get<double>(v);
            return -std::get<Objective>(v);
        }
        if (accept("(")) {
            Value v = expression();
            expect(")");
            return v;
        }
        const Token t = next();
        if (t.kind == Token::Kind::Number) return t.number;
        if (t.kind != Token::Kind::Name) fail(t.position, t.kind == Token::Kind::End ? "unexpected end" : "unexpected '" + t.text + "'");
        if (t.text.find(':') != std::string::npos) return unitObjective(t);
        return call(t);
    }

    Objective unitObjective(const Token& t) const {
        const UnitRef u = unitRef(t);
        return objectives::channel(u.point, u.unit, u.batch);
    }

    UnitRef unitRef(const Token& t) const {
        try {
            return parseUnitRef(t.text, mModel);
        } catch (const Error& e) {
            fail(t.position, e.what());
        }
    }

    std::string layerName(const Token& t) const {
        if (t.kind != Token::Kind::Name) fail(t.position, "expected a layer name");
        try {
            return mModel.resolve(t.text);
        } catch (const Error& e) {
            fail(t.position, e.what());
        }
    }

    int64_t integer(const Token& t) const {
        if (t.kind != Token::Kind::Number || t.number != static_cast<double>(static_cast<int64_t>(t.number)))
            fail(t.position, "expected a whole number");
        return static_cast<int64_t>(t.number);
    }

    // An optional "(number)" after l1 / l2.
    double optionalConstant(double fallback) {
        if (!accept("(")) return fallback;
        if (accept(")")) return fallback;
        const Token t = next();
        if (t.kind != Token::Kind::Number) fail(t.position, "expected a number");
        expect(")");
        return t.number;
    }

    Objective call(const Token& name) {
        const std::string& f = name.text;
        if (f == "l1") return objectives::l1(optionalConstant(0.5));
        if (f == "l2") return objectives::l2(optionalConstant(0.5));
        if (f == "tv" || f == "blur") {
            if (accept("(")) expect(")");
            return f == "tv" ? objectives::totalVariation() : objectives::blur();
        }
        expect("(");
        Objective out;
        if (f == "channel") {
            out = unitObjective(next());
        } else if (f == "neuron") {
            out = neuronCall();
        } else if (f == "diversity") {
            out = objectives::diversity(layerName(next()));
        } else if (f == "text") {
            out = textCall();
        } else {
            fail(name.position, "unknown function '" + f +
                                    "' (known: channel, neuron, diversity, text, l1, l2, tv, blur)");
        }
        expect(")");
        return out;
    }

    Objective neuronCall() {
        const UnitRef u = unitRef(next());
        if (!accept(",")) return objectives::neuron(u.point, u.unit, std::nullopt, std::nullopt, u.batch);
        const int64_t x = integer(next());
        expect(",");
        const int64_t y = integer(next());
        return objectives::neuron(u.point, u.unit, x, y, u.batch);
    }

    Objective textCall() {
        const Token t = next();
        if (t.kind != Token::Kind::String) fail(t.position, "text() takes a quoted prompt");
        if (!mEncodeText) fail(t.position, "text objectives need a text encoder (a tokenizer vocabulary)");
        return objectives::textDirection(mEncodeText(t.text), t.text);
    }

    std::string mText;
    const ModelDescriptor& mModel;
    const TextEncoder& mEncodeText;
    std::vector<Token> mTokens;
    size_t mPos = 0;
};

}  // namespace

UnitRef parseUnitRef(const std::string& text, const ModelDescriptor& model) {
    std::string body = text;
    UnitRef ref;
    const size_t at = body.rfind('@');
    if (at != std::string::npos) {
        const std::string batch = body.substr(at + 1);
        if (!allDigits(batch)) throw Error("'" + text + "': the batch index after '@' must be a whole number");
        ref.batch = std::stoi(batch);
        body.resize(at);
    }
    const size_t colon = body.rfind(':');
    if (colon == std::string::npos || !allDigits(body.substr(colon + 1)))
        throw Error("'" + text + "' is not of the form layer:unit");
    const CapturePointInfo& info = model.point(body.substr(0, colon));
    const std::string digits = body.substr(colon + 1);
    ref.point = info.name;
    ref.unit = digits.size() > 12 ? info.units : std::stoll(digits);
    if (ref.unit >= info.units)
        throw Error("'" + text + "': unit " + digits + " is out of range (" + info.name + " has " +
                    std::to_string(info.units) + " units)");
    if (info.tower != Tower::Image) throw Error("'" + text + "': feature visualization needs an image-tower point");
    return ref;
}

Objective parseObjective(const std::string& expression, const ModelDescriptor& model, const TextEncoder& encodeText) {
    return Parser(expression, model, encodeText).parse();
}

bool objectiveNeedsText(const std::string& expression) {
    for (size_t i = expression.find("text"); i != std::string::npos; i = expression.find("text", i + 4)) {
        const bool startsName = i == 0 || !isNameChar(expression[i - 1]);
        size_t j = i + 4;
        while (j < expression.size() && std::isspace(static_cast<unsigned char>(expression[j]))) ++j;
        if (startsName && j < expression.size() && expression[j] == '(') return true;
    }
    return false;
}

}  // namespace ms
