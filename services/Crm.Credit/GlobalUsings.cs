global using Crm.Credit.Model.Grading;
global using Crm.Events;
global using Crm.Terms;
