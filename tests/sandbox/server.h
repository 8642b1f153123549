/* server.h — starting and stopping the HTTP server. */
#ifndef AKT_SANDBOX_SERVER_H
#define AKT_SANDBOX_SERVER_H

#include "sandbox.h"

#include <sys/socket.h>

/* Listen on addr (port 0 = any free one); PEM texts turn TLS on. */
int sb_server_start(const struct sockaddr *addr, const char *cert_pem,
		    const char *key_pem, uint16_t *port);
void sb_server_stop(void);

#endif
