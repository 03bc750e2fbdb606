#include "LoopbackHttpServer.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

LoopbackHttpServer::LoopbackHttpServer(QObject* parent) : QObject(parent) {
    connect(&m_server, &QTcpServer::newConnection, this, &LoopbackHttpServer::onConnection);
}

bool LoopbackHttpServer::listen() { return m_server.listen(QHostAddress::LocalHost, 0); }

quint16 LoopbackHttpServer::port() const { return m_server.serverPort(); }

QString LoopbackHttpServer::baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(port()); }

void LoopbackHttpServer::serve(const QByteArray& path, const QByteArray& body, Behaviour behaviour) {
    m_files.insert(path, body);
    m_behaviours.insert(path, behaviour);
}

void LoopbackHttpServer::onConnection() {
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const int end = buffer->indexOf("\r\n\r\n");
            if (end < 0) return;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            buffer->clear();
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            RecordedRequest request{first.value(0), first.value(1), {}};
            for (const QByteArray& line : lines.mid(1)) {
                const int colon = line.indexOf(':');
                if (colon > 0 && line.left(colon).trimmed().toLower() == "range") request.range = line.mid(colon + 1).trimmed();
            }
            m_requests.append(request);
            answer(socket, request);
        });
    }
}

void LoopbackHttpServer::answer(QTcpSocket* socket, const RecordedRequest& request) {
    auto head = [](int status, const QByteArray& reason, qint64 length, const QByteArray& extra = {}) {
        return "HTTP/1.1 " + QByteArray::number(status) + " " + reason + "\r\nContent-Length: " +
               QByteArray::number(length) + "\r\n" + extra + "Connection: close\r\n\r\n";
    };
    const auto file = m_files.constFind(request.path);
    if (file == m_files.cend()) {
        socket->write(head(404, "Not Found", 0));
        socket->disconnectFromHost();
        return;
    }
    const Behaviour behaviour = m_behaviours.value(request.path);
    const int servedBefore = m_served[request.path]++;
    if (behaviour.status) {
        socket->write(head(behaviour.status, "Test Failure", 0));
        socket->disconnectFromHost();
        return;
    }
    const QByteArray& body = *file;
    QByteArray header;
    QByteArray payload = body;
    if (!request.range.isEmpty() && !behaviour.ignoreRange) {
        const qint64 from = request.range.mid(request.range.indexOf('=') + 1).split('-').value(0).toLongLong();
        if (from >= body.size()) {
            socket->write(head(416, "Range Not Satisfiable", 0, "Content-Range: bytes */" + QByteArray::number(body.size()) + "\r\n"));
            socket->disconnectFromHost();
            return;
        }
        payload = body.mid(from);
        header = head(206, "Partial Content", payload.size(),
                      "Content-Range: bytes " + QByteArray::number(from) + "-" + QByteArray::number(body.size() - 1) + "/" +
                          QByteArray::number(body.size()) + "\r\n");
    } else {
        header = head(200, "OK", body.size());
    }
    socket->write(header);
    if (behaviour.closeAfterBytes >= 0 && servedBefore == 0) {
        socket->write(payload.left(behaviour.closeAfterBytes));
        socket->flush();
        socket->disconnectFromHost();
        return;
    }
    if (behaviour.trickleBytes > 0) {
        trickle(socket, payload, behaviour.trickleBytes);
        return;
    }
    socket->write(payload);
    socket->disconnectFromHost();
}

void LoopbackHttpServer::trickle(QTcpSocket* socket, QByteArray rest, int piece) {
    socket->write(rest.left(piece));
    rest.remove(0, piece);
    if (rest.isEmpty()) {
        socket->disconnectFromHost();
        return;
    }
    QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(20, this, [this, guard, rest, piece] {
        if (guard && guard->state() == QAbstractSocket::ConnectedState) trickle(guard, rest, piece);
    });
}
