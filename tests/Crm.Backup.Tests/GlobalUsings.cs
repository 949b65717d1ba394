global using System.Net;
global using Crm.Messaging.Persistence.Backups;
global using Crm.TestKit;
