#pragma once
// A small HTTP/1.1 server on 127.0.0.1 for download tests: serves byte arrays by path, records
// every request (with its Range header), and can misbehave on purpose — answer with an error
// status, drop the connection part-way, ignore Range, or trickle the body slowly.
// Single-threaded: it runs in the test's event loop, so tests wait with QSignalSpy/QTRY_*,
// never with blocking calls.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTcpServer>

class QTcpSocket;

struct RecordedRequest {
    QByteArray method;
    QByteArray path;
    QByteArray range;   // the Range header, empty when none
};

struct ServeBehaviour {
    int status = 0;                 // answer this status (no body) instead of the file
    qint64 closeAfterBytes = -1;    // first request only: drop the connection after this many body bytes
    bool ignoreRange = false;       // always answer 200 with the whole file
    int trickleBytes = 0;           // send the body in pieces of this size, one per 20 ms
};

class LoopbackHttpServer : public QObject {
    Q_OBJECT
public:
    using Behaviour = ServeBehaviour;

    explicit LoopbackHttpServer(QObject* parent = nullptr);
    bool listen();                      // on 127.0.0.1, any free port
    QString baseUrl() const;            // "http://127.0.0.1:PORT"
    quint16 port() const;

    void serve(const QByteArray& path, const QByteArray& body, Behaviour behaviour = {});
    const QList<RecordedRequest>& requests() const { return m_requests; }

private:
    void onConnection();
    void answer(QTcpSocket* socket, const RecordedRequest& request);
    void trickle(QTcpSocket* socket, QByteArray rest, int piece);

    QTcpServer m_server;
    QHash<QByteArray, QByteArray> m_files;
    QHash<QByteArray, Behaviour> m_behaviours;
    QHash<QByteArray, int> m_served;
    QList<RecordedRequest> m_requests;
};
