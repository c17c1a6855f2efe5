// Connection Function of the partner API (mTLS): only partner certificates may connect.
async function connectionHandler(connection) {
  if (!connection.clientCertificate) {
    connection.logCustomData('NO_CERT:' + connection.clientIp);
    connection.deny();
  }
  const leaf = connection.clientCertificate.certificates.leaf;
  if (leaf.subject.includes('OU=Partners')) {
    return connection.allow();
  }
  return connection.deny();
}
