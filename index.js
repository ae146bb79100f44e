// n8n discovers nodes and credentials through the "n8n" block of package.json; this entry point
// lets the package also be required directly (e.g. to reuse the credential type or the nodes).
module.exports = {};
