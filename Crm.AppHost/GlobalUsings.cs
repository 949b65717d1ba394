global using Aspire.Hosting.ApplicationModel;
